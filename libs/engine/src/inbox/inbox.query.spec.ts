import { CycleRepository, InboxRepository, TaskRepository } from '@pact/persistence';
import { aCycle, aTask, IDS } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { InboxQuery } from './inbox.query';

const NOW = new Date('2030-02-10T00:00:00Z');
const day = (d: number) => new Date(NOW.getTime() + d * 86_400_000);

describe('InboxQuery', () => {
  function setUp() {
    const t = newTestService(InboxQuery, { now: NOW });
    const tasks = t.double(TaskRepository);
    const inboxes = t.double(InboxRepository);
    t.double(CycleRepository).findByIds.mockResolvedValue([aCycle()]);
    inboxes.taskIdsOf.mockResolvedValue(['a', 'b', 'c', 'd']);
    tasks.findByIds.mockResolvedValue([
      aTask({ id: 'a', groupKey: 'sport', status: 'open', dueAt: day(10) }),
      aTask({ id: 'b', groupKey: 'education', status: 'overdue', dueAt: day(-2) }),
      aTask({ id: 'c', groupKey: 'education', status: 'submitted', dueAt: day(-30) }),
      aTask({ id: 'd', groupKey: 'education', status: 'open', dueAt: day(10) }),
    ]);
    return { ...t, tasks, inboxes };
  }

  it('reads the groups’ inboxes and their tasks by key, and lists those waiting, soonest due first, then by group', async () => {
    const { service, tasks, inboxes } = setUp();
    const items = await service.list(['education', 'sport']);
    expect(inboxes.taskIdsOf).toHaveBeenCalledWith(['education', 'sport']);
    expect(tasks.findByIds).toHaveBeenCalledWith(['a', 'b', 'c', 'd']);
    expect(tasks.list).not.toHaveBeenCalled();
    expect(items.map((i) => i.id)).toEqual(['b', 'd', 'a']);
    expect(items[0]).toMatchObject({ cycleId: IDS.cycle, daysLeft: -2, status: 'overdue' });
  });

  it('filters by state and due date and pages what is left', async () => {
    const { service } = setUp();
    expect((await service.list(['education', 'sport'], { status: 'submitted' })).map((i) => i.id)).toEqual(['c']);
    expect((await service.list(['education', 'sport'], { dueBefore: day(5) })).map((i) => i.id)).toEqual(['b']);
    expect((await service.list(['education', 'sport'], { limit: 1, skip: 1 })).map((i) => i.id)).toEqual(['d']);
  });
});
