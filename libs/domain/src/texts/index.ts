export * from './languages';
export * from './text-rules';
export * from './localized-text';
export * from './placeholders';
export * from './catalogs';
