import { ExtensionRequest, taskKeys } from '@pact/domain';
import { CycleRepository, EventRepository, TaskRecord, TaskRepository, WorkingGroupRepository } from '@pact/persistence';
import { ConflictError, InvalidError, NotFoundError } from '../errors';
import { NotificationService } from '../notifications/notification.service';
import { aCycle, aTask, DUE, IDS } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { DeadlineService } from './deadline.service';
import { ExtensionRequestService } from './extension-request.service';

const NOW = new Date('2030-02-20T00:00:00Z');
const PROPOSED = new Date('2030-04-01T00:00:00Z');
const REQUEST_ID = '0123456789abcdef01234567';
const committee = [{ name: 'Steering committee', email: 'committee@example.org', language: 'en', timeZone: 'Europe/Brussels' }];
const chair = [{ name: 'Anna', email: 'anna@example.org', language: 'de', timeZone: 'Europe/Berlin' }];

function pending(over: Partial<ExtensionRequest> = {}): ExtensionRequest {
  return {
    id: REQUEST_ID,
    proposedDueAt: PROPOSED,
    reason: 'Elections in March',
    requestedBy: 'chair:anna@example.org',
    requestedAt: NOW,
    status: 'pending',
    ...over,
  };
}

function withRequest(over: Partial<TaskRecord> = {}, request = pending()): TaskRecord {
  return aTask({ extensionRequests: [request], pendingExtensionRequestId: request.status === 'pending' ? request.id : undefined, ...over });
}

function setUp() {
  const t = newTestService(ExtensionRequestService, { now: NOW });
  const tasks = t.double(TaskRepository);
  const events = t.double(EventRepository);
  const notifications = t.double(NotificationService);
  t.double(CycleRepository).findById.mockResolvedValue(aCycle());
  t.double(CycleRepository).findByIds.mockResolvedValue([aCycle({ name: 'Pact 2030' })]);
  t.double(WorkingGroupRepository).findByKeys.mockResolvedValue([
    { key: 'education', programme: 'pact', fieldOfAction: 'Integration through education', goal: '', chair: { ...chair[0], language: 'de' } },
  ]);
  notifications.committee.mockReturnValue(committee);
  notifications.chairOf.mockResolvedValue(chair);
  events.append.mockResolvedValue(true);
  return { ...t, tasks, events, notifications, deadlines: t.double(DeadlineService) };
}

describe('ExtensionRequestService', () => {
  describe('request', () => {
    it('stores a pending request with its key in the outbox, then records the event and tells the committee', async () => {
      const { service, tasks, events, notifications } = setUp();
      tasks.findById.mockResolvedValue(aTask({ status: 'overdue' }));
      tasks.addExtensionRequest.mockImplementation(async (_id: string, request: ExtensionRequest, key: string) =>
        withRequest({ status: 'overdue', outbox: [key] }, request),
      );

      const request = await service.request(IDS.task, PROPOSED, '  Elections in March  ', 'chair:anna@example.org');

      expect(request).toMatchObject({
        proposedDueAt: PROPOSED,
        reason: 'Elections in March',
        requestedBy: 'chair:anna@example.org',
        requestedAt: NOW,
        status: 'pending',
      });
      expect(request.id).toMatch(/^[0-9a-f]{24}$/);
      const key = taskKeys.extensionRequested(IDS.task, request.id);
      expect(tasks.addExtensionRequest).toHaveBeenCalledWith(IDS.task, request, key);
      expect(events.append).toHaveBeenCalledWith(
        expect.objectContaining({
          type: 'extension.requested',
          actor: 'chair:anna@example.org',
          dedupeKey: `event-${key}`,
          data: expect.objectContaining({ requestId: request.id, proposedDueAt: PROPOSED, dueAt: DUE }),
        }),
      );
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          kind: 'extension-requested',
          audience: 'committee',
          recipients: committee,
          details: expect.objectContaining({ proposedDueAt: PROPOSED, reason: 'Elections in March', requestedBy: 'anna@example.org' }),
        }),
        key,
      );
      expect(tasks.completeFollowUp).toHaveBeenCalledWith(IDS.task, key);
    });

    it('refuses a date the committee could not grant, naming the field, and changes nothing', async () => {
      const { service, tasks } = setUp();
      tasks.findById.mockResolvedValue(aTask());
      const attempt = (date: Date, reason = 'Elections') => service.request(IDS.task, date, reason, 'chair:anna@example.org');

      await expect(attempt(new Date('2030-02-01T00:00:00Z'))).rejects.toMatchObject({
        problems: [
          { path: 'proposedDueAt', rule: 'date-not-after-due' },
          { path: 'proposedDueAt', rule: 'date-not-future' },
        ],
      });
      await expect(attempt(new Date('2030-07-01T00:00:00Z'))).rejects.toMatchObject({ problems: [{ path: 'proposedDueAt', rule: 'date-after-compilation' }] });
      await expect(attempt(new Date('not a date'))).rejects.toMatchObject({ problems: [{ path: 'proposedDueAt', rule: 'date-invalid' }] });
      await expect(attempt(PROPOSED, ' ')).rejects.toMatchObject({ problems: [{ path: 'reason', rule: 'reason-missing' }] });
      await expect(attempt(PROPOSED, 'x'.repeat(2001))).rejects.toBeInstanceOf(InvalidError);
      expect(tasks.addExtensionRequest).not.toHaveBeenCalled();
    });

    it('allows one pending request at a time, and none once the report is in or the cycle is over', async () => {
      const { service, tasks, double } = setUp();
      tasks.findById.mockResolvedValueOnce(withRequest());
      await expect(service.request(IDS.task, PROPOSED, 'again', 'chair:a')).rejects.toBeInstanceOf(ConflictError);
      tasks.findById.mockResolvedValueOnce(aTask({ status: 'submitted' }));
      await expect(service.request(IDS.task, PROPOSED, 'late', 'chair:a')).rejects.toBeInstanceOf(ConflictError);
      tasks.findById.mockResolvedValueOnce(aTask());
      double(CycleRepository).findById.mockResolvedValueOnce(aCycle({ status: 'cancelled' }));
      await expect(service.request(IDS.task, PROPOSED, 'late', 'chair:a')).rejects.toBeInstanceOf(ConflictError);
      tasks.findById.mockResolvedValueOnce(null);
      await expect(service.request(IDS.task, PROPOSED, 'x', 'chair:a')).rejects.toBeInstanceOf(NotFoundError);
      expect(tasks.addExtensionRequest).not.toHaveBeenCalled();
    });

    it('a request racing another (the guarded update matches nothing) is a conflict, with no event and no message', async () => {
      const { service, tasks, events, notifications } = setUp();
      tasks.findById.mockResolvedValue(aTask());
      tasks.addExtensionRequest.mockResolvedValue(null);
      await expect(service.request(IDS.task, PROPOSED, 'Elections', 'chair:a')).rejects.toBeInstanceOf(ConflictError);
      expect(events.append).not.toHaveBeenCalled();
      expect(notifications.send).not.toHaveBeenCalled();
    });
  });

  describe('decide', () => {
    it('granting goes through DeadlineService.extend with the proposed date unless another is given', async () => {
      const { service, tasks, deadlines } = setUp();
      tasks.findById.mockResolvedValue(withRequest());
      const granted = withRequest(
        { dueAt: PROPOSED, dueVersion: 1 },
        pending({ status: 'granted', decidedBy: 'committee:c', decidedAt: NOW, decisionReason: 'Fine', grantedDueAt: PROPOSED }),
      );
      deadlines.extend.mockResolvedValue(granted);

      const out = await service.decide(IDS.task, REQUEST_ID, { grant: true, reason: ' Fine ' }, 'committee:c');
      expect(deadlines.extend).toHaveBeenCalledWith(IDS.task, PROPOSED, 'Fine', 'committee:c', { requestId: REQUEST_ID });
      expect(out.request).toMatchObject({ status: 'granted', grantedDueAt: PROPOSED });
      expect(out.task.dueAt).toEqual(PROPOSED);

      const other = new Date('2030-03-20T00:00:00Z');
      await service.decide(IDS.task, REQUEST_ID, { grant: true, dueAt: other, reason: 'Until the 20th' }, 'committee:c');
      expect(deadlines.extend).toHaveBeenLastCalledWith(IDS.task, other, 'Until the 20th', 'committee:c', { requestId: REQUEST_ID });
      expect(tasks.refuseExtensionRequest).not.toHaveBeenCalled();
    });

    it('refusing decides the request in one guarded update, leaves the date, records the event and tells the chair', async () => {
      const { service, tasks, events, notifications, deadlines } = setUp();
      tasks.findById.mockResolvedValue(withRequest());
      const key = taskKeys.extensionRefused(IDS.task, REQUEST_ID);
      tasks.refuseExtensionRequest.mockImplementation(async (_id: string, _r: string, requests: ExtensionRequest[]) =>
        aTask({ extensionRequests: requests, outbox: [key] }),
      );

      const out = await service.decide(IDS.task, REQUEST_ID, { grant: false, reason: 'The report is needed for the March meeting' }, 'committee:c');

      expect(tasks.refuseExtensionRequest).toHaveBeenCalledWith(
        IDS.task,
        REQUEST_ID,
        [
          expect.objectContaining({
            id: REQUEST_ID,
            status: 'refused',
            decidedBy: 'committee:c',
            decidedAt: NOW,
            decisionReason: 'The report is needed for the March meeting',
          }),
        ],
        NOW,
        key,
      );
      expect(out.request.status).toBe('refused');
      expect(out.task.dueAt).toEqual(DUE);
      expect(out.task.outbox).toEqual([]);
      expect(deadlines.extend).not.toHaveBeenCalled();
      expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'extension.refused', actor: 'committee:c', dedupeKey: `event-${key}` }));
      expect(notifications.send).toHaveBeenCalledWith(
        expect.objectContaining({
          kind: 'extension-refused',
          audience: 'chair',
          recipients: chair,
          dueAt: DUE,
          details: expect.objectContaining({ proposedDueAt: PROPOSED, reason: 'The report is needed for the March meeting' }),
        }),
        key,
      );
      expect(tasks.completeFollowUp).toHaveBeenCalledWith(IDS.task, key);
    });

    it('a decided request cannot be decided again; an unknown one is not found; a decision needs a reason', async () => {
      const { service, tasks, deadlines } = setUp();
      tasks.findById.mockResolvedValue(withRequest({}, pending({ status: 'refused' })));
      await expect(service.decide(IDS.task, REQUEST_ID, { grant: true, reason: 'ok then' }, 'committee:c')).rejects.toBeInstanceOf(ConflictError);
      await expect(service.decide(IDS.task, 'ffffffffffffffffffffffff', { grant: false, reason: 'no' }, 'committee:c')).rejects.toBeInstanceOf(NotFoundError);
      await expect(service.decide(IDS.task, '../x', { grant: false, reason: 'no' }, 'committee:c')).rejects.toBeInstanceOf(NotFoundError);
      tasks.findById.mockResolvedValue(withRequest());
      await expect(service.decide(IDS.task, REQUEST_ID, { grant: false, reason: '' }, 'committee:c')).rejects.toMatchObject({ problems: [{ path: 'reason' }] });
      expect(deadlines.extend).not.toHaveBeenCalled();
      expect(tasks.refuseExtensionRequest).not.toHaveBeenCalled();
    });

    it('two refusals racing: the loser matches nothing and hears it was decided meanwhile', async () => {
      const { service, tasks, notifications } = setUp();
      tasks.findById.mockResolvedValue(withRequest());
      tasks.refuseExtensionRequest.mockResolvedValue(null);
      await expect(service.decide(IDS.task, REQUEST_ID, { grant: false, reason: 'Not this time' }, 'committee:c')).rejects.toBeInstanceOf(ConflictError);
      expect(notifications.send).not.toHaveBeenCalled();
    });
  });

  it('lists pending requests oldest first, with task, group and cycle names, optionally of one cycle', async () => {
    const { service, tasks } = setUp();
    const older = pending({ id: 'aaaaaaaaaaaaaaaaaaaaaaaa', requestedAt: new Date('2030-02-10T00:00:00Z') });
    tasks.listWithPendingExtensionRequest.mockResolvedValue([withRequest({ status: 'overdue' }), withRequest({ id: '65f1a2b3c4d5e6f708192a40' }, older)]);

    const list = await service.pending({ cycleId: IDS.cycle });

    expect(tasks.listWithPendingExtensionRequest).toHaveBeenCalledWith({ cycleId: IDS.cycle }, expect.any(Number));
    expect(list.map((r) => [r.id, r.taskId])).toEqual([
      [older.id, '65f1a2b3c4d5e6f708192a40'],
      [REQUEST_ID, IDS.task],
    ]);
    expect(list[1]).toMatchObject({
      taskStatus: 'overdue',
      dueAt: DUE,
      proposedDueAt: PROPOSED,
      cycleName: 'Pact 2030',
      milestoneTitle: 'Final',
      fieldOfAction: 'Integration through education',
      groupKey: 'education',
    });
  });

  it('follow-ups left in the outbox are finished once more without harm (deduplicated by the key)', async () => {
    const { service, tasks, events, notifications } = setUp();
    const key = taskKeys.extensionRequested(IDS.task, REQUEST_ID);
    await service.followUp(withRequest({ outbox: [key] }), key);
    await service.followUp(withRequest({ outbox: [key] }), key);
    expect(events.append.mock.calls.map((c) => c[0].dedupeKey)).toEqual([`event-${key}`, `event-${key}`]);
    expect(notifications.send.mock.calls.map((c) => c[1])).toEqual([key, key]);
    expect(tasks.completeFollowUp).toHaveBeenCalledTimes(2);
    await expect(service.followUp(aTask(), taskKeys.overdue(IDS.task, 0))).rejects.toThrow(/not an extension request follow-up/);
  });
});

describe('DeadlineService granting a request', () => {
  it('decides the request in the extension update and records extension.granted with task.extended', async () => {
    const t = newTestService(DeadlineService, { now: NOW });
    const tasks = t.double(TaskRepository);
    const events = t.double(EventRepository);
    const notifications = t.double(NotificationService);
    t.double(CycleRepository).findById.mockResolvedValue(aCycle());
    notifications.chairOf.mockResolvedValue(chair);
    events.append.mockResolvedValue(true);
    const key = taskKeys.extension(IDS.task, 1);
    tasks.findById.mockResolvedValueOnce(withRequest({ status: 'overdue' }));
    tasks.extend.mockImplementation(async (_id, _v, newDue, ext, k, granting) =>
      aTask({ dueAt: newDue, dueVersion: 1, outbox: [k], extensions: [ext], extensionRequests: granting!.requests }),
    );

    await t.service.extend(IDS.task, PROPOSED, 'Fine', 'committee:c', { requestId: REQUEST_ID });

    expect(tasks.extend).toHaveBeenCalledWith(IDS.task, 0, PROPOSED, expect.objectContaining({ requestId: REQUEST_ID, reason: 'Fine' }), key, {
      requestId: REQUEST_ID,
      requests: [expect.objectContaining({ id: REQUEST_ID, status: 'granted', grantedDueAt: PROPOSED, decidedBy: 'committee:c', decisionReason: 'Fine' })],
    });
    expect(events.append.mock.calls.map((c) => c[0].type)).toEqual(['task.extended', 'extension.granted']);
    expect(events.append.mock.calls[1][0]).toMatchObject({
      dedupeKey: `event-${taskKeys.extensionGranted(IDS.task, REQUEST_ID)}`,
      data: { requestId: REQUEST_ID, proposedDueAt: PROPOSED, dueAt: PROPOSED, previousDueAt: DUE },
    });
    // The chair hears of a grant as of any extension.
    expect(notifications.send.mock.calls.map((c) => c[0].kind)).toEqual(['extended']);
  });

  it('refuses to grant a request that is not the pending one', async () => {
    const t = newTestService(DeadlineService, { now: NOW });
    t.double(CycleRepository).findById.mockResolvedValue(aCycle());
    t.double(TaskRepository).findById.mockResolvedValue(withRequest({}, pending({ status: 'refused' })));
    // DeadlineService throws the engine's own errors since issue 11 (a conflict: 409 at the edge).
    await expect(t.service.extend(IDS.task, PROPOSED, 'Fine', 'committee:c', { requestId: REQUEST_ID })).rejects.toBeInstanceOf(ConflictError);
    expect(t.double(TaskRepository).extend).not.toHaveBeenCalled();
  });
});
