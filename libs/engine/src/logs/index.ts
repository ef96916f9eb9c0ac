export * from './engine-logger';
export * from './log-format';
export * from './log-redaction';
export * from './logs.module';
export * from './request-id';
