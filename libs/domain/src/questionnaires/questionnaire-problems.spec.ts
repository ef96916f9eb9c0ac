import { inAll, surveyFixture } from '../testing/questionnaire-fixture';
import type { TextLanguages } from '../texts/localized-text';
import type { Questionnaire } from './questionnaire';
import { questionnaireProblems } from './questionnaire-problems';

const ALL: TextLanguages = { fallback: 'en', required: ['en', 'de', 'fr'] };

/** The fixture changed by `edit` (which gets a deep copy, typed loosely as configuration is). */
function problemsAfter(edit: (q: any) => void, languages: TextLanguages = ALL) {
  const q = JSON.parse(JSON.stringify(surveyFixture()));
  edit(q);
  return questionnaireProblems(q, languages);
}
const pathsAfter = (edit: (q: any) => void) => problemsAfter(edit).map((p) => p.path);
/** sections[1] (main) holds rating(0), why-low(1), people(2), share(3), topic(4), trends(5), trend-x(6), evidence(7), practices(8). */
const main = (q: any) => q.sections[1].questions;

describe('questionnaireProblems', () => {
  it('finds none in a well-formed questionnaire with every question type', () => {
    expect(questionnaireProblems(surveyFixture(), ALL)).toEqual([]);
  });

  it('refuses what is no questionnaire, and a questionnaire without sections', () => {
    expect(questionnaireProblems(null, ALL)).toEqual([{ path: '', message: expect.stringContaining('questionnaire') }]);
    expect(pathsAfter((q) => (q.sections = []))).toEqual(['sections']);
    expect(pathsAfter((q) => ((q.version = 0), (q.key = 'a.b')))).toEqual(['key', 'version']);
  });

  it('wants every text in each required language, naming the text', () => {
    const problems = problemsAfter((q) => {
      delete main(q)[0].levels[1].label.fr;
      main(q)[4].options[0].label = 'A';
      q.sections[1].intro = { en: 'About', de: '' };
    });
    expect(problems.map((p) => p.path)).toEqual([
      'sections[1].intro.de',
      'sections[1].intro',
      'sections[1].questions[0].levels[1].label',
      'sections[1].questions[4].options[0].label',
    ]);
    expect(problems[2].message).toContain('the fr text is missing');
    // English only is enough when only English is required.
    expect(problemsAfter((q) => (main(q)[4].options[0].label = 'A'), { fallback: 'en', required: ['en'] })).toEqual([]);
  });

  it('wants keys unique: sections, questions across sections, levels and options in their question, a row’s questions in their group', () => {
    expect(
      pathsAfter((q) => {
        q.sections[1].key = 'start';
        main(q)[2].key = 'take-part';
        main(q)[0].levels[2].key = 'fully';
        main(q)[5].options[1].key = 'x';
        main(q)[8].questions[1].key = 'title';
      }),
    ).toEqual([
      'sections[1].key',
      'sections[1].questions[0].levels[2].key',
      // why-low's condition named not-yet, which the rating no longer has.
      'sections[1].questions[1].showWhen.in[1]',
      'sections[1].questions[2].key',
      'sections[1].questions[5].options[1].key',
      'sections[1].questions[8].questions[1].key',
      // The row's condition referred to has-detail, which is gone.
      'sections[1].questions[8].questions[2].showWhen.question',
    ]);
  });

  it('a row’s keys are its own: a row question may share a key with a question outside the group', () => {
    expect(pathsAfter((q) => (main(q)[8].questions[0].key = 'topic'))).toEqual([]);
  });

  describe('conditions', () => {
    it('refer to an earlier question only: not itself, not a later one, not an unknown one', () => {
      const problems = problemsAfter((q) => {
        q.sections[0].questions[1].showWhen = { question: 'rating', equals: 'fully' };
        main(q)[0].showWhen = { question: 'rating', equals: 'fully' };
        main(q)[2].showWhen = { question: 'colour', answered: true };
      });
      expect(problems).toEqual([
        { path: 'sections[0].questions[1].showWhen.question', message: expect.stringContaining('not an earlier question') },
        { path: 'sections[1].questions[0].showWhen.question', message: expect.stringContaining('not an earlier question') },
        { path: 'sections[1].questions[2].showWhen.question', message: expect.stringContaining('no question of this questionnaire') },
      ]);
    });

    it('in a row refer to an earlier question of the row, not to one outside the group', () => {
      expect(pathsAfter((q) => (main(q)[8].questions[2].showWhen = { question: 'take-part', equals: true }))).toEqual([
        'sections[1].questions[8].questions[2].showWhen.question',
      ]);
    });

    it('name existing levels and options, booleans for yes/no, and only "answered" for other types', () => {
      expect(
        pathsAfter((q) => {
          main(q)[1].showWhen = { question: 'rating', in: ['partly', 'mostly'] };
          main(q)[6].showWhen = { question: 'trends', equals: 'z' };
          q.sections[0].questions[1].showWhen = { question: 'take-part', equals: 'no' };
          main(q)[3].showWhen = { question: 'people', equals: '3' };
          main(q)[4].showWhen = { question: 'people', answered: true };
        }),
      ).toEqual([
        'sections[0].questions[1].showWhen.equals',
        'sections[1].questions[1].showWhen.in[1]',
        'sections[1].questions[3].showWhen.equals',
        'sections[1].questions[6].showWhen.equals',
      ]);
    });

    it('have exactly one of equals, in, answered', () => {
      expect(pathsAfter((q) => (main(q)[1].showWhen = { question: 'rating', equals: 'partly', in: ['fully'] }))).toEqual(['sections[1].questions[1].showWhen']);
      expect(pathsAfter((q) => (main(q)[1].showWhen = { question: 'rating' }))).toEqual(['sections[1].questions[1].showWhen']);
      expect(pathsAfter((q) => (main(q)[1].showWhen = { question: 'rating', in: [] }))).toEqual(['sections[1].questions[1].showWhen.in']);
    });
  });

  it('checks each type’s settings', () => {
    const problems = problemsAfter((q) => {
      main(q)[0].levels = [];
      main(q)[2].min = 10;
      main(q)[2].max = 5;
      main(q)[3].higherIsBetter = 'yes';
      main(q)[4].options = [
        { key: 'a', label: inAll('A') },
        { key: 'a', label: inAll('B') },
      ];
      main(q)[5].multiple = undefined;
      main(q)[6].length = 'medium';
      main(q)[6].maxLength = 0;
      main(q)[7].maxLinks = 0;
      main(q)[7].maxFiles = 0;
      main(q)[8].maxItems = 1.5;
      main(q)[8].questions[0].type = 'group';
      q.sections[0].questions[0].required = 'yes';
    });
    expect(problems.map((p) => p.path)).toEqual([
      'sections[0].questions[0].required',
      'sections[1].questions[0].levels',
      // Conditions on the rating cannot be checked against levels it does not have.
      'sections[1].questions[1].showWhen.in[0]',
      'sections[1].questions[1].showWhen.in[1]',
      'sections[1].questions[2].max',
      'sections[1].questions[3].higherIsBetter',
      'sections[1].questions[4].options[1].key',
      'sections[1].questions[5].multiple',
      'sections[1].questions[6].length',
      'sections[1].questions[6].maxLength',
      'sections[1].questions[7]',
      'sections[1].questions[8].maxItems',
      'sections[1].questions[8].questions[0].type',
      'sections[1].questions[8].questions[0].maxItems',
      'sections[1].questions[8].questions[0].questions',
    ]);
  });

  it('a condition on a question of an unknown type is a condition on no question', () => {
    const problems = problemsAfter((q: Questionnaire & any) => (q.sections[0].questions[0].type = 'slider'));
    expect(problems.map((p) => p.path)).toEqual([
      'sections[0].questions[0].type',
      'sections[0].questions[1].showWhen.question',
      'sections[1].questions[0].showWhen.question',
    ]);
  });
});
