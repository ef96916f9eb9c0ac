import { normaliseContent, templateProblems, type SubmissionContent } from '../submissions/submission-content';
import { MEASURE_STATUSES, type ReportTemplate } from '../templates/report-template';
import { inAll } from '../testing/questionnaire-fixture';
import { answerProblems, keptAnswers } from './answer-problems';
import { pactAnswersFromContent, pactContentFromAnswers, pactIndicatorQuestion, pactQuestionnaire } from './pact-questionnaire';
import { questionnaireProblems } from './questionnaire-problems';

function template(overrides: Partial<ReportTemplate> = {}): ReportTemplate {
  return {
    key: 'pact',
    name: inAll('Pact template'),
    measureStatuses: MEASURE_STATUSES,
    indicatorsByGroup: {
      housing: [
        { key: 'homes-built', name: inAll('Homes built'), unit: inAll('homes'), higherIsBetter: true },
        { key: 'waiting-days', name: inAll('Waiting time'), unit: inAll('days'), higherIsBetter: false },
        { key: 'evictions', name: inAll('Evictions'), unit: inAll('households'), higherIsBetter: false },
      ],
    },
    allowCustomIndicators: true,
    limits: { maxMeasures: 2, maxIndicators: 5, maxItemsPerList: 2, maxTextLength: 50 },
    ...overrides,
  };
}

/** A report with every part: a measure with and one without description, two of three predefined indicators, one of the group's own. */
function content(): SubmissionContent {
  return {
    measures: [
      { title: 'Social housing fund', status: 'in-progress' },
      { title: 'Language courses', status: 'implemented', description: 'Weekly\nin three districts' },
    ],
    indicators: [
      { key: 'homes-built', baseline: 100, target: 200, actual: 150 },
      { key: 'evictions', baseline: 40, target: 10, actual: 12.5 },
      { key: 'mentors', name: 'Mentors trained', unit: 'people', baseline: 0, target: 30, actual: 31 },
    ],
    goodPractices: ['one-stop shop'],
    obstacles: [],
    recommendations: ['fund it', 'keep it'],
  };
}

describe('pactQuestionnaire', () => {
  it('is a valid questionnaire in every language the template’s texts have', () => {
    expect(questionnaireProblems(pactQuestionnaire(template(), 'housing'), { fallback: 'en', required: ['en', 'de', 'fr'] })).toEqual([]);
  });

  it('asks a group for its predefined indicators (the template’s, in order) and its own when the template allows them', () => {
    const keys = (t: ReportTemplate, group: string) =>
      pactQuestionnaire(t, group)
        .sections.flatMap((s) => s.questions)
        .map((q) => q.key);
    expect(keys(template(), 'housing')).toEqual([
      'measures',
      pactIndicatorQuestion('homes-built'),
      pactIndicatorQuestion('waiting-days'),
      pactIndicatorQuestion('evictions'),
      'custom-indicators',
      'good-practices',
      'obstacles',
      'recommendations',
    ]);
    expect(keys(template({ allowCustomIndicators: false }), 'education')).toEqual(['measures', 'good-practices', 'obstacles', 'recommendations']);
  });

  it('maps a report’s content to answers and back without loss', () => {
    const t = template();
    const answers = pactAnswersFromContent(t, 'housing', content());
    expect(answerProblems(pactQuestionnaire(t, 'housing'), answers)).toEqual([]);
    expect(answers[pactIndicatorQuestion('waiting-days')]).toBeUndefined();
    // What a submission keeps is what was answered: the same content again.
    const kept = keptAnswers(pactQuestionnaire(t, 'housing'), answers);
    expect(pactContentFromAnswers(t, 'housing', kept)).toEqual(content());
    expect(pactContentFromAnswers(t, 'housing', answers)).toEqual(content());
  });

  it('gives a new indicator of the group’s own a key from its name, as a draft does', () => {
    const t = template();
    const answers = pactAnswersFromContent(t, 'housing', content());
    answers['custom-indicators'] = [{ name: 'Mentors trained', unit: 'people', values: { baseline: 0, target: 30, actual: 31 } }];
    expect(pactContentFromAnswers(t, 'housing', answers).indicators[2].key).toBe('mentors-trained');
  });

  it('holds the template’s rules: its statuses, its limits, the text rules (as templateProblems does, at the answers’ paths)', () => {
    const t = template({ measureStatuses: ['planned', 'implemented'] });
    const bad: SubmissionContent = {
      ...content(),
      measures: [...content().measures, { title: 'Third', status: 'planned', description: 'x'.repeat(51) }],
      goodPractices: ['a\u202eb'],
    };
    const byTemplate = templateProblems(t, 'housing', normaliseContent(t, 'housing', bad)).map((p) => [p.path, p.rule]);
    const byQuestionnaire = answerProblems(pactQuestionnaire(t, 'housing'), pactAnswersFromContent(t, 'housing', bad)).map((p) => [p.path, p.rule]);
    expect(byTemplate).toEqual([
      ['measures', 'too-many'],
      ['measures[0].status', 'status-unknown'],
      ['measures[2].description', 'too-long'],
      ['goodPractices[0]', 'text-characters'],
    ]);
    expect(byQuestionnaire).toEqual([
      ['answers.measures', 'too-many'],
      ['answers.measures[0].status', 'option-unknown'],
      ['answers.measures[2].description', 'too-long'],
      ['answers.good-practices[0].text', 'text-characters'],
    ]);
  });
});
