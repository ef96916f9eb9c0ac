export * from './programme-indicators';
export * from './observations';
export * from './programme-of';
