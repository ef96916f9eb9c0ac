export * from './cycle.record';
export * from './cycle.repository';
export * from './cycle.schema';
