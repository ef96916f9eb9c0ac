export * from './questionnaire.record';
export * from './questionnaire.schema';
export * from './questionnaire.repository';
