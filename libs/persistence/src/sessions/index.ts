export * from './session.record';
export * from './session.repository';
export * from './session.schema';
