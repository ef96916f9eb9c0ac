export * from './clock';
export * from './cycle';
export * from './escalation';
export * from './report';
export * from './task';
export * from './template';
export * from './working-group';
export * from './notification';
