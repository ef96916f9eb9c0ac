export * from './site-key.record';
export * from './site-key.repository';
export * from './site-key.schema';
