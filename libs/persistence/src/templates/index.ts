export * from './template.record';
export * from './template.repository';
export * from './template.schema';
