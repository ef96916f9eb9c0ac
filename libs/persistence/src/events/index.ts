export * from './event.record';
export * from './event.repository';
export * from './event.schema';
