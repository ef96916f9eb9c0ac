export * from './escalation-policy';
