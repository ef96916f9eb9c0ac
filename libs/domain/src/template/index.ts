export * from './report-template';
export * from './report-draft';
export * from './revision-diff';
