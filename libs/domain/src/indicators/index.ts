export * from './programme-indicators';
export * from './observations';
