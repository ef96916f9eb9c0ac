import { aRevision, someContent } from '@pact/engine/testing/fixtures';
import { revisionHistory, whoOf } from './task-view';

describe('revisionHistory', () => {
  it('lists the newest first, each with who sent it and what changed since the one before', () => {
    const first = aRevision(1, { submittedBy: 'chair:anna@example.org' });
    const second = aRevision(2, {
      submittedBy: 'chair:ben@example.org',
      late: true,
      content: { ...someContent(), measures: [{ title: 'Mentoring', status: 'implemented' }] },
    });
    const history = revisionHistory([first, second]);
    expect(history.map((h) => [h.revision, h.by, h.late])).toEqual([
      [2, 'ben@example.org', true],
      [1, 'anna@example.org', false],
    ]);
    expect(history[0].diff!.measures.statusChanged).toEqual([{ title: 'Mentoring', from: 'in-progress', to: 'implemented' }]);
    // The first revision is compared with nothing: everything in it is new.
    expect(history[1].diff!.measures.added).toEqual([{ title: 'Mentoring', status: 'in-progress' }]);
  });

  it('is empty without revisions', () => {
    expect(revisionHistory([])).toEqual([]);
  });
});

describe('whoOf', () => {
  it('names the person by the address in the actor', () => {
    expect(whoOf('committee:maria@example.org')).toBe('maria@example.org');
    expect(whoOf('anna@example.org')).toBe('anna@example.org');
  });

  it('says which answers changed in a questionnaire round’s revisions, by question', () => {
    const questionnaire = {
      key: 'q',
      version: 1,
      name: { en: 'Q' },
      sections: [
        {
          key: 's',
          title: { en: 'S' },
          questions: [
            { key: 'take-part', type: 'yesNo', required: true, label: { en: 'Take part?' } },
            { key: 'a', type: 'rating', required: true, label: { en: 'Commitment A' }, levels: [] },
          ],
        },
      ],
    } as never;
    const at = new Date('2030-02-01T00:00:00Z');
    const rev = (revision: number, answers: Record<string, unknown>) => ({
      revision,
      submittedAt: at,
      late: false,
      afterCompilation: false,
      submittedBy: 'chair:c@example.org',
      answers,
    });
    const history = revisionHistory([rev(1, { 'take-part': true, a: 'partly' }), rev(2, { 'take-part': true, a: 'fully' })], questionnaire);
    expect(history.map((h) => [h.revision, h.changedAnswers, h.diff])).toEqual([
      [2, [{ en: 'Commitment A' }], null],
      [1, [{ en: 'Take part?' }, { en: 'Commitment A' }], null],
    ]);
  });
});
