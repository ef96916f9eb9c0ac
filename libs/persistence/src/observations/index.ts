export * from './observation.record';
export * from './observation.repository';
export * from './observation.schema';
