export * from './dedupe-keys';
export * from './job-ids';
export * from './task-keys';
