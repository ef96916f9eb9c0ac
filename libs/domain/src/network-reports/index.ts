export * from './network-report';
export * from './network-report-compiler';
export * from './render';
export * from './previous-answers';
