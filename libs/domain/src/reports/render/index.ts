export * from './report-csv';
export * from './report-html';
export * from './report-markdown';
export * from './report-timeline';
export { escapeHtml } from './escape';
export * from './report-words';
