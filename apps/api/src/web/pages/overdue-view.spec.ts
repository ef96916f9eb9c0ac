import { aCycle } from '@pact/engine/testing/fixtures';
import { anOverdueRequest } from '../testing/page-fixtures';
import { overdueView } from './overdue-view';

describe('overdueView', () => {
  const a = anOverdueRequest({ taskId: 'a'.repeat(24) });
  const b = anOverdueRequest({ taskId: 'b'.repeat(24) });

  it('each request’s form holds what was typed into it, the others stay empty', () => {
    const view = overdueView({ cycle: aCycle(), items: [a, b], values: { [b.taskId]: { dueAt: 'soon', reason: 'x' } } });
    expect(view.items.map((i) => i.values)).toEqual([
      { dueAt: '', reason: '' },
      { dueAt: 'soon', reason: 'x' },
    ]);
  });

  it('deadlines move only while the cycle is scheduled or running', () => {
    const active = (status: 'scheduled' | 'running' | 'completed' | 'cancelled') => overdueView({ cycle: aCycle({ status }), items: [], values: {} }).active;
    expect([active('scheduled'), active('running'), active('completed'), active('cancelled')]).toEqual([true, true, false, false]);
  });
});
