import { CycleService, SubmissionService, TaskQuery, WorkingGroupService } from '@pact/engine';
import { aCycle, aRevision, aTask, IDS } from '@pact/engine/testing/fixtures';
import { newTestService } from '@pact/engine/testing/service-doubles';
import { TaskContextLoader } from './task-context';

const chair = { groupKeys: ['education'], roles: ['chair'] } as never;

function setUp(task = aTask(), cycle = aCycle()) {
  const t = newTestService(TaskContextLoader);
  t.double(TaskQuery).visible.mockResolvedValue(task);
  t.double(SubmissionService).revisions.mockResolvedValue([aRevision(1)]);
  t.double(CycleService).get.mockResolvedValue(cycle);
  t.double(WorkingGroupService).get.mockResolvedValue({ key: 'education', fieldOfAction: 'Education' } as never);
  return t;
}

describe('a task as its pages load it', () => {
  it('reads the task once (the access check’s read), with its revisions, cycle and group', async () => {
    const t = setUp();
    const ctx = await t.service.load(chair, IDS.task, 'write');
    expect(ctx).toMatchObject({
      task: aTask(),
      revisions: [aRevision(1)],
      cycle: aCycle(),
      isChair: true,
      canWrite: true,
      awaiting: true,
      milestoneTitle: 'Final',
    });
    expect(t.double(TaskQuery).visible).toHaveBeenCalledTimes(1);
    expect(t.double(SubmissionService).view).not.toHaveBeenCalled();
  });

  it('cannot write once the task or its cycle is cancelled (the domain’s rule)', async () => {
    expect((await setUp(aTask({ status: 'cancelled' })).service.load(chair, IDS.task, 'read')).canWrite).toBe(false);
    expect((await setUp(aTask(), aCycle({ status: 'cancelled' })).service.load(chair, IDS.task, 'read')).canWrite).toBe(false);
    expect((await setUp(aTask({ status: 'submitted' })).service.load(chair, IDS.task, 'read')).canWrite).toBe(true);
  });
});
