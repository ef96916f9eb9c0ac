export * from './task-state';
export * from './progress';
