export * from './submission-content';
export * from './revision-diff';
