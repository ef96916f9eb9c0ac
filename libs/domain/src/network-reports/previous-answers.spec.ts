import type { Answers } from '../questionnaires/questionnaire';
import { CURRENT, networkInput } from '../testing/network-report-fixture';
import { compileNetworkReport } from './network-report-compiler';
import { answersOfNetworkReport } from './previous-answers';

describe('answersOfNetworkReport', () => {
  it('gives back who took part and each rating, and nothing for a city that said nothing', () => {
    const answers = answersOfNetworkReport(compileNetworkReport(networkInput(false)));
    expect(Object.keys(answers).sort()).toEqual(['aachen', 'bonn', 'caen', 'dijon']);
    expect(answers.aachen).toEqual({ 'take-part': true, communicate: 'fully', access: 'partly', needs: 'not-applicable' });
    expect(answers.dijon).toEqual({ 'take-part': false });
  });

  it('compares the next round with a compiled report exactly as with the answers it was compiled from', () => {
    const first = compileNetworkReport(networkInput(false));
    const next = (previous: Record<string, Answers | undefined>) =>
      compileNetworkReport({
        ...networkInput(false),
        cycle: { id: 'next', name: 'Next', period: '2028' },
        previous: { cycle: first.cycle, answers: previous },
      });
    const fromReport = next(answersOfNetworkReport(first));
    const fromAnswers = next(CURRENT);
    expect(fromReport.change).toEqual(fromAnswers.change);
    expect(fromReport.cities.map((c) => c.ratings.map((r) => r.previousLevel))).toEqual(fromAnswers.cities.map((c) => c.ratings.map((r) => r.previousLevel)));
  });
});
