export * from './engine-metrics';
export * from './task-metrics';
export * from './metrics.module';
