export * from './user-address.record';
export * from './user-address.repository';
export * from './user-address.schema';
