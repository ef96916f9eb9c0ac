export * from './evidence-file.record';
export * from './evidence-file.repository';
export * from './evidence-file.schema';
