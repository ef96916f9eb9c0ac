export * from './report-version.record';
export * from './report-version.repository';
export * from './report-version.schema';
