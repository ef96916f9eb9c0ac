export * from './sign-in-link.record';
export * from './sign-in-link.repository';
export * from './sign-in-link.schema';
