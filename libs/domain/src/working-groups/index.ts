export * from './working-group';
