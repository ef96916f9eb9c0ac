export * from './questionnaire';
export * from './conditions';
export * from './questionnaire-problems';
export * from './answer-problems';
export * from './pact-questionnaire';
export * from './questionnaire-versions';
export * from './participation';
export * from './questionnaire-round';
