import { aCycle } from '@pact/engine/testing/fixtures';
import { aPendingRequest } from '../testing/page-fixtures';
import { extensionRequestsView } from './extension-requests-view';

describe('extensionRequestsView', () => {
  const a = aPendingRequest({ id: 'a'.repeat(24) });
  const b = aPendingRequest({ id: 'b'.repeat(24), groupKey: 'housing', requestedBy: 'chair:zoe@example.org' });
  const chair = { name: 'Anna Weber', email: 'anna.weber@example.org', language: 'de' as const };
  const view = (over: Partial<Parameters<typeof extensionRequestsView>[0]> = {}) =>
    extensionRequestsView({
      cycle: aCycle(),
      pending: [a, b],
      audience: new Map([['education', { chair, webhooksOnGrant: 1, webhooksOnRefusal: 2 }]]),
      values: {},
      ...over,
    });

  it('who asked, by address; who hears of a decision, nobody for a group the engine named no one for', () => {
    const [first, second] = view().requests;
    expect([first.askedBy, second.askedBy]).toEqual(['anna.weber@example.org', 'zoe@example.org']);
    expect(first.audience).toEqual({ chair, webhooksOnGrant: 1, webhooksOnRefusal: 2 });
    expect(second.audience).toEqual({ chair: null, webhooksOnGrant: 0, webhooksOnRefusal: 0 });
  });

  it('each form holds what was typed into it, the others stay empty', () => {
    const typed = { decision: 'grant', dueAt: 'x', reason: 'y' };
    expect(view({ values: { [b.id]: typed } }).requests.map((r) => r.values)).toEqual([{ decision: '', dueAt: '', reason: '' }, typed]);
  });

  it('decisions only while the cycle is scheduled or running', () => {
    expect((['scheduled', 'running', 'completed', 'cancelled'] as const).map((status) => view({ cycle: aCycle({ status }) }).active)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
