export * from './task-keys';
