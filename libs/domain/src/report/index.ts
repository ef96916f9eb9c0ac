export * from './implementation-report';
export * from './report-compiler';
