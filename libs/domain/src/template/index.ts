export * from './report-template';
