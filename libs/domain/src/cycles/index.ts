export * from './cycle-plan';
export * from './cycle-state';
export * from './plan-preview';
