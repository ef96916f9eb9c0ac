export * from './delivery.record';
export * from './delivery.repository';
export * from './delivery.schema';
