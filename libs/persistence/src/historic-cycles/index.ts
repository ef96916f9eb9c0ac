export * from './historic-cycle.record';
export * from './historic-cycle.repository';
export * from './historic-cycle.schema';
