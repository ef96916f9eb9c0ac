export * from './implementation-report';
export * from './report-compiler';
export * from './render';
export * from './timeline';
export * from './report-part';
