import type { Answers, Questionnaire, RatingLevel } from '../questionnaires/questionnaire';
import { inAll } from './questionnaire-fixture';
import type { NetworkReportInput } from '../network-reports/network-report-compiler';

/**
 * The network report specs' one round, small enough to compute by hand (the numbers are worked
 * out in network-report-compiler.spec.ts):
 *
 * - 3 commitments in 2 roles: `policy` (communicate, access) and `services` (needs), each rated
 *   fully (3) / partly (2) / not yet (1) / not applicable (no score);
 * - 5 cities: aachen (DE, small), bonn (DE, medium), caen (FR, small) take part; dijon (FR,
 *   medium) declines and says why; essen (DE, medium) sends nothing;
 * - the previous round for aachen, bonn and dijon (caen's ratings are new);
 * - 2 good practices, one tagged with trends t1 and t2, the other with t2.
 */
const LEVELS: RatingLevel[] = [
  { key: 'fully', label: inAll('Fully'), score: 3 },
  { key: 'partly', label: inAll('Partly'), score: 2 },
  { key: 'not-yet', label: inAll('Not yet'), score: 1 },
  { key: 'not-applicable', label: inAll('Not applicable') },
];
const TAKING_PART = { question: 'take-part', equals: true };

function commitment(key: string, label: string) {
  return [
    { key, type: 'rating' as const, label: inAll(label), required: true, showWhen: TAKING_PART, levels: LEVELS },
    {
      key: `${key}-measures`,
      type: 'text' as const,
      length: 'long' as const,
      maxLength: 4000,
      label: inAll('Measures'),
      required: false,
      showWhen: { question: key, in: ['fully', 'partly', 'not-yet'] },
    },
    {
      key: `${key}-evidence`,
      type: 'evidence' as const,
      maxLinks: 5,
      maxFiles: 5,
      label: inAll('Evidence'),
      required: false,
      showWhen: { question: key, in: ['fully', 'partly', 'not-yet'] },
    },
    {
      key: `${key}-indicators`,
      type: 'group' as const,
      maxItems: 5,
      label: inAll('Indicators'),
      required: false,
      showWhen: { question: key, in: ['fully', 'partly', 'not-yet'] },
      questions: [
        { key: 'name', type: 'text' as const, length: 'short' as const, maxLength: 200, label: inAll('Name'), required: true },
        { key: 'unit', type: 'text' as const, length: 'short' as const, maxLength: 50, label: inAll('Unit'), required: true },
        { key: 'values', type: 'indicator' as const, label: inAll('Values'), required: true },
        { key: 'higher-is-better', type: 'yesNo' as const, label: inAll('Higher is better?'), required: false },
      ],
    },
  ];
}

export function networkQuestionnaire(): Questionnaire {
  return {
    key: 'charter-like',
    version: 2,
    name: inAll('Self-evaluation'),
    sections: [
      {
        key: 'participation',
        title: inAll('Taking part'),
        questions: [
          { key: 'take-part', type: 'yesNo', label: inAll('Take part?'), required: true },
          {
            key: 'decline-reason',
            type: 'text',
            length: 'long',
            maxLength: 2000,
            label: inAll('Why not?'),
            required: false,
            showWhen: { question: 'take-part', equals: false },
          },
        ],
      },
      { key: 'policy', title: inAll('Policy'), questions: [...commitment('communicate', 'Communicate'), ...commitment('access', 'Access')] },
      { key: 'services', title: inAll('Services'), questions: commitment('needs', 'Needs') },
      {
        key: 'good-practices',
        title: inAll('Good practices'),
        questions: [
          {
            key: 'good-practices',
            type: 'group',
            maxItems: 10,
            label: inAll('Good practices'),
            required: false,
            showWhen: TAKING_PART,
            questions: [
              { key: 'title', type: 'text', length: 'short', maxLength: 200, label: inAll('Title'), required: true },
              { key: 'description', type: 'text', length: 'long', maxLength: 4000, label: inAll('Description'), required: true },
              {
                key: 'trends',
                type: 'choice',
                multiple: true,
                label: inAll('Trends'),
                required: true,
                options: [
                  { key: 't1', label: inAll('Trend one') },
                  { key: 't2', label: inAll('Trend two') },
                  { key: 't3', label: inAll('Trend three') },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

export const CURRENT: Record<string, Answers | undefined> = {
  aachen: {
    'take-part': true,
    communicate: 'fully',
    'communicate-measures': 'A campaign <script>alert(1)</script>\nin every district',
    'communicate-evidence': { links: ['https://aachen.example/campaign'], files: ['file-1'] },
    'communicate-indicators': [{ name: 'Events', unit: 'events', values: { baseline: 2, target: 10, actual: 6.5 }, 'higher-is-better': true }],
    access: 'partly',
    needs: 'not-applicable',
    'good-practices': [{ title: 'Welcome desk', description: 'One door for every question', trends: ['t1', 't2'] }],
  },
  bonn: {
    'take-part': true,
    communicate: 'partly',
    access: 'partly',
    needs: 'fully',
    'good-practices': [{ title: 'Mentors', description: 'Peer mentors | for newcomers', trends: ['t2'] }],
  },
  caen: { 'take-part': true, communicate: 'not-yet', access: 'fully', needs: 'partly' },
  dijon: { 'take-part': false, 'decline-reason': 'No staff this year' },
  // essen: nothing sent.
};

export const PREVIOUS: Record<string, Answers | undefined> = {
  aachen: { 'take-part': true, communicate: 'partly', access: 'partly', needs: 'partly' },
  bonn: { 'take-part': true, communicate: 'fully', access: 'not-applicable', needs: 'fully' },
  dijon: { 'take-part': true, communicate: 'fully', access: 'fully', needs: 'fully' },
};

export function networkInput(withPrevious = true): NetworkReportInput {
  return {
    questionnaire: networkQuestionnaire(),
    cycle: { id: 'charter-2026', name: inAll('Charter round 2026'), period: '2026' },
    participants: [
      { key: 'aachen', name: { en: 'Aachen', de: 'Aachen', fr: 'Aix-la-Chapelle' }, country: 'DE', size: 'small' },
      { key: 'bonn', name: 'Bonn', country: 'DE', size: 'medium' },
      { key: 'caen', name: 'Caen, "Calvados"', country: 'FR', size: 'small' },
      { key: 'dijon', name: 'Dijon', country: 'FR', size: 'medium' },
      { key: 'essen', name: 'Essen', country: 'DE', size: 'medium' },
    ],
    answers: CURRENT,
    ...(withPrevious ? { previous: { cycle: { id: 'charter-2024', name: inAll('Charter round 2024'), period: '2024' }, answers: PREVIOUS } } : {}),
  };
}
