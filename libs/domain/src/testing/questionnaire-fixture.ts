import type { Questionnaire } from '../questionnaires/questionnaire';

/** A text in every shipped language, for tests. */
export const inAll = (en: string) => ({ en, de: `${en} (de)`, fr: `${en} (fr)` });

/**
 * A questionnaire with every question type, a chain of conditions (take part → rating → why
 * low) and a group whose rows have a condition of their own: the specs' one fixture.
 */
export function surveyFixture(): Questionnaire {
  return {
    key: 'survey',
    version: 1,
    name: inAll('Survey'),
    sections: [
      {
        key: 'start',
        title: inAll('Start'),
        questions: [
          { key: 'take-part', type: 'yesNo', label: inAll('Will you take part?'), required: true },
          {
            key: 'reason',
            type: 'text',
            length: 'long',
            maxLength: 20,
            label: inAll('Why not?'),
            required: false,
            showWhen: { question: 'take-part', equals: false },
          },
        ],
      },
      {
        key: 'main',
        title: inAll('Main'),
        intro: inAll('About your work'),
        questions: [
          {
            key: 'rating',
            type: 'rating',
            label: inAll('How far?'),
            required: true,
            showWhen: { question: 'take-part', equals: true },
            levels: [
              { key: 'fully', label: inAll('Fully'), score: 3 },
              { key: 'partly', label: inAll('Partly'), score: 2 },
              { key: 'not-yet', label: inAll('Not yet'), score: 1 },
              { key: 'not-applicable', label: inAll('Not applicable') },
            ],
          },
          {
            key: 'why-low',
            type: 'text',
            length: 'short',
            maxLength: 10,
            label: inAll('What holds it back?'),
            required: true,
            showWhen: { question: 'rating', in: ['partly', 'not-yet'] },
          },
          { key: 'people', type: 'number', label: inAll('People reached'), unit: inAll('people'), min: 0, max: 100, whole: true, required: false },
          { key: 'share', type: 'indicator', label: inAll('Share in work'), unit: inAll('%'), higherIsBetter: true, required: false },
          {
            key: 'topic',
            type: 'choice',
            multiple: false,
            label: inAll('Topic'),
            required: false,
            options: [
              { key: 'a', label: inAll('A') },
              { key: 'b', label: inAll('B') },
            ],
          },
          {
            key: 'trends',
            type: 'choice',
            multiple: true,
            label: inAll('Trends'),
            required: false,
            options: [
              { key: 'x', label: inAll('X') },
              { key: 'y', label: inAll('Y') },
            ],
          },
          {
            key: 'trend-x',
            type: 'text',
            length: 'short',
            maxLength: 50,
            label: inAll('About X'),
            required: true,
            showWhen: { question: 'trends', equals: 'x' },
          },
          { key: 'evidence', type: 'evidence', label: inAll('Evidence'), maxLinks: 2, maxFiles: 1, required: false },
          {
            key: 'practices',
            type: 'group',
            label: inAll('Practices'),
            required: false,
            maxItems: 2,
            questions: [
              { key: 'title', type: 'text', length: 'short', maxLength: 30, label: inAll('Title'), required: true },
              { key: 'has-detail', type: 'yesNo', label: inAll('Details?'), required: true },
              {
                key: 'detail',
                type: 'text',
                length: 'long',
                maxLength: 100,
                label: inAll('Detail'),
                required: true,
                showWhen: { question: 'has-detail', equals: true },
              },
            ],
          },
        ],
      },
    ],
  };
}
