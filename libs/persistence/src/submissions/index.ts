export * from './submission.record';
export * from './submission.repository';
export * from './submission.schema';
