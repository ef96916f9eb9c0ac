export * from './job-options';
export * from './queue-names';
export * from './queues.module';
export * from './redis-connection';
export * from './timer-scheduler';
export * from './delivery-queue';
export * from './transient-errors';
export * from './queue-probe';
