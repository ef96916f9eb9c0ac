export * from './history-import.record';
export * from './history-import.repository';
export * from './history-import.schema';
