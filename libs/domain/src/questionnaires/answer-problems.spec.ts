import { inAll, surveyFixture } from '../testing/questionnaire-fixture';
import { ANSWER_RULES, answerProblems, keptAnswers, MAX_LINK_LENGTH } from './answer-problems';
import { visibleQuestions } from './conditions';
import type { Answers, Questionnaire } from './questionnaire';

const survey = surveyFixture();
/** The fewest answers a participant taking part gives. */
const base: Answers = { 'take-part': true, rating: 'fully' };
const problemsOf = (answers: Answers) => answerProblems(survey, answers).map((p) => [p.path, p.rule]);
const problemsWith = (extra: Answers) => problemsOf({ ...base, ...extra });

describe('answerProblems', () => {
  it('accepts a full, valid set of answers', () => {
    const answers: Answers = {
      ...base,
      people: 12,
      share: { baseline: 1, target: 5.5, actual: -2 },
      topic: 'b',
      trends: ['x', 'y'],
      'trend-x': 'About x',
      evidence: { links: ['https://example.org/a', 'http://example.org/b?c=d'], files: ['file-1'] },
      practices: [
        { title: 'One', 'has-detail': true, detail: 'Line one\nline two' },
        { title: 'Two', 'has-detail': false },
      ],
    };
    expect(answerProblems(survey, answers)).toEqual([]);
  });

  it('refuses what is not a set of answers, and answers to unknown questions (also in a row)', () => {
    expect(problemsOf([] as unknown as Answers)).toEqual([['answers', 'wrong-shape']]);
    expect(problemsWith({ colour: 'red', practices: [{ title: 'T', 'has-detail': false, colour: 'x' }] })).toEqual([
      ['answers.colour', 'unknown-question'],
      ['answers.practices[0].colour', 'unknown-question'],
    ]);
  });

  it('requires required questions that are shown, blank texts and empty lists counting as unanswered', () => {
    expect(problemsOf({})).toEqual([['answers.take-part', 'required']]);
    expect(problemsOf({ 'take-part': true, rating: '  ' })).toEqual([['answers.rating', 'required']]);
    expect(problemsWith({ trends: ['x'], 'trend-x': '' })).toEqual([['answers.trend-x', 'required']]);
  });

  describe('rating', () => {
    it('takes a level of the question, the one outside the scale too', () => {
      expect(problemsWith({ rating: 'not-applicable' })).toEqual([]);
      expect(problemsWith({ rating: 'mostly' })).toEqual([['answers.rating', 'level-unknown']]);
      expect(problemsWith({ rating: 3 })).toEqual([['answers.rating', 'level-unknown']]);
    });
  });

  describe('number', () => {
    it('is a finite number, whole when asked, within its bounds (which the problem names)', () => {
      expect(problemsWith({ people: 0 })).toEqual([]);
      expect(problemsWith({ people: 100 })).toEqual([]);
      expect(problemsWith({ people: '12' })).toEqual([['answers.people', 'not-a-number']]);
      expect(problemsWith({ people: Number.NaN })).toEqual([['answers.people', 'not-a-number']]);
      expect(problemsWith({ people: 2.5 })).toEqual([['answers.people', 'not-whole']]);
      expect(problemsWith({ people: -1 })).toEqual([['answers.people', 'below-min']]);
      const [over] = answerProblems(survey, { ...base, people: 101 });
      expect(over).toMatchObject({ path: 'answers.people', rule: 'above-max', params: { min: 0, max: 100 } });
    });
  });

  describe('indicator', () => {
    it('needs baseline, target and actual, each a number', () => {
      expect(problemsWith({ share: { baseline: 1, target: 2 } })).toEqual([['answers.share.actual', 'required']]);
      expect(problemsWith({ share: { baseline: 'one', target: 2, actual: Infinity } })).toEqual([
        ['answers.share.baseline', 'not-a-number'],
        ['answers.share.actual', 'not-a-number'],
      ]);
      expect(problemsWith({ share: 5 })).toEqual([['answers.share', 'not-a-number']]);
      // Nothing typed in any of the three: an optional indicator left out.
      expect(problemsWith({ share: { baseline: '', target: null, actual: ' ' } })).toEqual([]);
    });
  });

  describe('text', () => {
    it('holds at most maxLength characters', () => {
      expect(problemsWith({ 'take-part': false, rating: undefined, reason: 'x'.repeat(20) })).toEqual([]);
      const [long] = answerProblems(survey, { 'take-part': false, reason: 'x'.repeat(21) });
      expect(long).toMatchObject({ path: 'answers.reason', rule: 'too-long', params: { max: 20 } });
    });

    it('applies the text rule: a short text is one line, a long one may break lines but hold no overrides', () => {
      expect(problemsWith({ rating: 'partly', 'why-low': 'a\nb' })).toEqual([['answers.why-low', 'line-characters']]);
      expect(problemsOf({ 'take-part': false, reason: 'a\nb' })).toEqual([]);
      expect(problemsOf({ 'take-part': false, reason: 'a\u202eb' })).toEqual([['answers.reason', 'text-characters']]);
      expect(problemsOf({ 'take-part': false, reason: 12 })).toEqual([['answers.reason', 'not-a-text']]);
    });
  });

  describe('choice', () => {
    it('one option: a key of the question, not a list', () => {
      expect(problemsWith({ topic: 'c' })).toEqual([['answers.topic', 'option-unknown']]);
      expect(problemsWith({ topic: ['a'] })).toEqual([['answers.topic', 'choose-one']]);
    });

    it('several options: a list of keys of the question, each once', () => {
      expect(problemsWith({ trends: 'y' })).toEqual([['answers.trends', 'wrong-shape']]);
      expect(problemsWith({ trends: ['y', 'z', 'y'] })).toEqual([
        ['answers.trends[1]', 'option-unknown'],
        ['answers.trends[2]', 'duplicate'],
      ]);
    });
  });

  describe('yes/no', () => {
    it('is a boolean', () => {
      expect(problemsOf({ 'take-part': 'yes' })).toEqual([['answers.take-part', 'not-yes-no']]);
    });
  });

  describe('evidence', () => {
    it('links are http(s) addresses on one line, files name stored files, each list within its maximum and without repeats', () => {
      expect(problemsWith({ evidence: { links: ['ftp://example.org/x', 'javascript:alert(1)'] } })).toEqual([
        ['answers.evidence.links[0]', 'not-a-url'],
        ['answers.evidence.links[1]', 'not-a-url'],
      ]);
      expect(problemsWith({ evidence: { links: ['example.org'] } })).toEqual([['answers.evidence.links[0]', 'not-a-url']]);
      expect(problemsWith({ evidence: { links: ['https://exa\nmple.org'] } })).toEqual([['answers.evidence.links[0]', 'line-characters']]);
      expect(problemsWith({ evidence: { links: [`https://example.org/${'x'.repeat(MAX_LINK_LENGTH)}`] } })).toEqual([
        ['answers.evidence.links[0]', 'too-long'],
      ]);
      expect(problemsWith({ evidence: { links: ['https://a.example', 'https://a.example'] } })).toEqual([['answers.evidence.links[1]', 'duplicate']]);
      expect(problemsWith({ evidence: { links: ['https://a.example', 'https://b.example', 'https://c.example'] } })).toEqual([
        ['answers.evidence.links', 'too-many'],
      ]);
      expect(problemsWith({ evidence: { files: ['f1', 'f2'] } })).toEqual([['answers.evidence.files', 'too-many']]);
      expect(problemsWith({ evidence: { files: [''], links: [] } })).toEqual([['answers.evidence.files[0]', 'not-a-text']]);
      expect(problemsWith({ evidence: 'https://a.example' })).toEqual([['answers.evidence', 'wrong-shape']]);
    });

    it('without links or files is unanswered', () => {
      const required: Questionnaire = {
        ...survey,
        sections: [{ key: 's', title: inAll('S'), questions: [{ key: 'e', type: 'evidence', label: inAll('E'), maxLinks: 1, maxFiles: 1, required: true }] }],
      };
      expect(answerProblems(required, { e: { links: [], files: [] } }).map((p) => [p.path, p.rule])).toEqual([['answers.e', 'required']]);
    });
  });

  describe('group', () => {
    it('checks each row against the group’s questions, with paths into the row, and at most maxItems rows', () => {
      expect(problemsWith({ practices: [{ title: 'A', 'has-detail': true }, { 'has-detail': 'no' }] })).toEqual([
        ['answers.practices[0].detail', 'required'],
        ['answers.practices[1].title', 'required'],
        ['answers.practices[1].has-detail', 'not-yes-no'],
      ]);
      expect(problemsWith({ practices: [1] })).toEqual([['answers.practices[0]', 'wrong-shape']]);
      expect(problemsWith({ practices: { title: 'T' } })).toEqual([['answers.practices', 'wrong-shape']]);
      const rows = [1, 2, 3].map((n) => ({ title: `T${n}`, 'has-detail': false }));
      const [tooMany] = answerProblems(survey, { ...base, practices: rows });
      expect(tooMany).toMatchObject({ path: 'answers.practices', rule: 'too-many', params: { max: 2 } });
    });
  });

  it('names only rules of its table, each read as a form rule', () => {
    const answers: Answers = { 'take-part': 'x', colour: 1, people: 'x', topic: ['a'], trends: ['z'], evidence: { links: ['x'] } };
    const rules = answerProblems(survey, answers).map((p) => p.rule);
    expect(rules.length).toBeGreaterThan(5);
    for (const rule of rules) expect(ANSWER_RULES[rule]).toEqual(expect.any(String));
  });
});

describe('conditional questions', () => {
  const keys = (answers: Answers) => visibleQuestions(survey, answers).map((q) => q.key);
  const always = ['people', 'share', 'topic', 'trends', 'evidence', 'practices'];

  it('shows a question when the earlier answer says so: equals a yes/no, in levels, equals an option among several chosen', () => {
    expect(keys({})).toEqual(['take-part', ...always]);
    expect(keys({ 'take-part': false })).toEqual(['take-part', 'reason', ...always]);
    expect(keys({ 'take-part': true })).toEqual(['take-part', 'rating', ...always]);
    expect(keys({ 'take-part': true, rating: 'partly' })).toEqual(['take-part', 'rating', 'why-low', ...always]);
    expect(keys({ 'take-part': true, rating: 'fully' })).toEqual(['take-part', 'rating', ...always]);
    expect(keys({ trends: ['y', 'x'] })).toContain('trend-x');
    expect(keys({ trends: ['y'] })).not.toContain('trend-x');
  });

  it('chains: a hidden question’s answer counts as none, so what depends on it is hidden too', () => {
    expect(keys({ 'take-part': false, rating: 'partly' })).not.toContain('why-low');
  });

  it('an "answered" condition holds for any answer and not for a blank one', () => {
    const q: Questionnaire = {
      ...survey,
      sections: [
        {
          key: 's',
          title: inAll('S'),
          questions: [
            { key: 'name', type: 'text', length: 'short', maxLength: 10, label: inAll('Name'), required: false },
            { key: 'more', type: 'yesNo', label: inAll('More?'), required: true, showWhen: { question: 'name', answered: true } },
          ],
        },
      ],
    };
    expect(visibleQuestions(q, { name: 'x' }).map((x) => x.key)).toEqual(['name', 'more']);
    expect(visibleQuestions(q, { name: ' ' }).map((x) => x.key)).toEqual(['name']);
    expect(answerProblems(q, { name: 'x' }).map((p) => p.path)).toEqual(['answers.more']);
  });

  it('a hidden question is not required, its answer not checked and not kept', () => {
    const declined: Answers = { 'take-part': false, rating: 'mostly', 'why-low': 'x\ny', reason: 'No staff' };
    expect(answerProblems(survey, declined)).toEqual([]);
    expect(keptAnswers(survey, declined)).toEqual({ 'take-part': false, reason: 'No staff' });
  });

  it('keeps answered questions only, and in rows only the shown ones', () => {
    const answers: Answers = { ...base, topic: '', practices: [{ title: 'A', 'has-detail': false, detail: 'typed before' }] };
    expect(keptAnswers(survey, answers)).toEqual({ ...base, practices: [{ title: 'A', 'has-detail': false }] });
  });
});
