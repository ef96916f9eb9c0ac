export * from './escalation-policy';
export * from './extension-request';
