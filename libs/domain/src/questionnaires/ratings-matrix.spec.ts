import { CURRENT, networkQuestionnaire } from '../testing/network-report-fixture';
import { ratingsMatrix } from './ratings-matrix';

describe('ratingsMatrix', () => {
  const m = ratingsMatrix(networkQuestionnaire(), ['aachen', 'bonn', 'caen', 'dijon', 'essen'], (p) => CURRENT[p]);

  it('has a column per commitment, in the questionnaire’s order, with its section', () => {
    expect(m.commitments.map((c) => [c.section, c.key])).toEqual([
      ['policy', 'communicate'],
      ['policy', 'access'],
      ['services', 'needs'],
    ]);
    expect(m.levels.map((l) => l.key)).toEqual(['fully', 'partly', 'not-yet', 'not-applicable']);
  });

  it('shows each participant’s latest levels, a decline and who has not answered yet', () => {
    expect(m.rows.map((r) => [r.participant, r.state, r.levels])).toEqual([
      ['aachen', 'took-part', ['fully', 'partly', 'not-applicable']],
      ['bonn', 'took-part', ['partly', 'partly', 'fully']],
      ['caen', 'took-part', ['not-yet', 'fully', 'partly']],
      ['dijon', 'declined', [null, null, null]],
      ['essen', 'waiting', [null, null, null]],
    ]);
  });

  it('counts each level per commitment over the participants taking part', () => {
    expect(m.counts[0]).toEqual({ fully: 1, partly: 1, 'not-yet': 1, 'not-applicable': 0 });
    expect(m.counts[2]).toEqual({ fully: 1, partly: 1, 'not-yet': 0, 'not-applicable': 1 });
  });
});
