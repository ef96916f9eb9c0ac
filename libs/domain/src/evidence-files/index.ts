export * from './file-types';
