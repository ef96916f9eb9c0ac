export * from './api-token.record';
export * from './api-token.repository';
export * from './api-token.schema';
