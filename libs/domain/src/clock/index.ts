export * from './clock';
export * from './calendar';
export * from './time-zones';
export * from './calendar-day';
