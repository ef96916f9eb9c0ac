export * from './task.record';
export * from './task.repository';
export * from './task.schema';
