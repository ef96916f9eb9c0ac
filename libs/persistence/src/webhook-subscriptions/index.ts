export * from './webhook-subscription.record';
export * from './webhook-subscription.repository';
export * from './webhook-subscription.schema';
