export * from './task-state';
export * from './progress';
export * from './report-writing';
