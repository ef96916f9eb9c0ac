export * from './rate-counter.record';
export * from './rate-counter.repository';
export * from './rate-counter.schema';
