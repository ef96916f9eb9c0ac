export * from './indicator-catalog';
export * from './observations';
export * from './programme-of';
