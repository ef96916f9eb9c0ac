export * from './programme';
