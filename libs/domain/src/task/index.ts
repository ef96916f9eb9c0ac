export * from './task-state';
