export * from './history-scheme';
export * from './history-rows';
export * from './historic-cycles';
export * from './historic-answers';
