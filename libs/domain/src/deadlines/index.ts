export * from './escalation-policy';
export * from './extension-request';
export * from './due-date-warnings';
