export * from './notification-kind';
export * from './message-catalog';
export * from './webhook-signature';
export * from './icalendar';
export * from './delivery';
