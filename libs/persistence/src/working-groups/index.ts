export * from './working-group.record';
export * from './working-group.repository';
export * from './working-group.schema';
