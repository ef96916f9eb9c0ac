export * from './migration.record';
export * from './migration.repository';
export * from './migration.schema';
export * from './keyed-layout';
