export * from './draft.record';
export * from './draft.repository';
export * from './draft.schema';
