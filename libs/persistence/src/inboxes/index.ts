export * from './inbox.record';
export * from './inbox.repository';
export * from './inbox.schema';
