export * from './cycle-plan';
export * from './cycle-state';
