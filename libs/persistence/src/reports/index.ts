export * from './report.record';
export * from './report.repository';
export * from './report.schema';
