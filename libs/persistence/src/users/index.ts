export * from './user.record';
export * from './user.repository';
export * from './user.schema';
