export * from './report-draft';
