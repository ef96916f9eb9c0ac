export * from './network-words';
export * from './network-html';
export * from './network-csv';
export * from './network-markdown';
