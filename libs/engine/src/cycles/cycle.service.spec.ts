import { networkQuestionnaire } from '@pact/domain/testing/network-report-fixture';
import { CycleRepository, QuestionnaireVersionRepository, TemplateRepository, WorkingGroupRepository } from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { ConflictError } from '../errors';
import { aCycle } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { CycleService, cycleIdForKey } from './cycle.service';
import { ProgrammeCatalog } from '../programmes/programme-catalog';
import { QuestionnaireCatalog } from '../questionnaires/questionnaire-catalog';

const NOW = new Date('2030-01-01T00:00:00Z');
const COMMAND = { name: 'Pact 2030–2032', start: new Date('2030-02-01T00:00:00Z'), groups: ['education'] };
const ME = { actor: 'committee:a@pact.example.eu', roles: ['committee' as const], committeeOf: ['pact'] };

function setUp() {
  const t = newTestService(CycleService, { now: NOW, config: { defaultTemplate: 't' } });
  t.double(TemplateRepository).findByKey.mockResolvedValue(aCycle().template as never);
  t.double(WorkingGroupRepository).list.mockResolvedValue([{ key: 'education' }] as never);
  const programmes = t.double(ProgrammeCatalog);
  programmes.known.mockImplementation(((key: string) => ({ key, name: key, participantKind: 'working-group' })) as never);
  programmes.reportProgramme.mockReturnValue('pact' as never);
  const cycles = t.double(CycleRepository);
  cycles.create.mockImplementation(async (c, id) => ({ ...c, id: id ?? 'generated' }));
  return { ...t, cycles, timers: t.double(TimerScheduler) };
}

/** What the first request with key k1 stored. */
async function firstStarted() {
  const { service, cycles } = setUp();
  cycles.findById.mockResolvedValue(null);
  return service.create(COMMAND, ME, { idempotencyKey: 'k1' });
}

describe('CycleService.create with an idempotency key', () => {
  it('derives the cycle id from the actor and the key, and records what was asked', async () => {
    const cycle = await firstStarted();
    expect(cycle.id).toBe(cycleIdForKey(ME.actor, 'k1'));
    expect(cycle.id).toMatch(/^[0-9a-f]{24}$/);
    expect(cycleIdForKey(ME.actor, 'k2')).not.toBe(cycle.id);
    // Another committee member's same key is another cycle.
    expect(cycleIdForKey('committee:b@pact.example.eu', 'k1')).not.toBe(cycle.id);
    expect(cycle.startRequest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the same request again answers with that cycle and starts nothing', async () => {
    const first = await firstStarted();
    const { service, cycles, timers } = setUp();
    cycles.findById.mockResolvedValue(aCycle({ id: first.id, name: 'Pact 2030–2032', startRequest: first.startRequest, outbox: ['created'] }));
    expect(await service.create(COMMAND, ME, { idempotencyKey: 'k1' })).toMatchObject({ id: first.id, outbox: [] });
    expect(cycles.create).not.toHaveBeenCalled();
    expect(timers.scheduleFanOut).not.toHaveBeenCalled();
  });

  it('the same key with another request is a conflict, not the first cycle passed off as this one', async () => {
    const first = await firstStarted();
    const { service, cycles } = setUp();
    cycles.findById.mockResolvedValue(aCycle({ id: first.id, startRequest: first.startRequest }));
    await expect(service.create({ ...COMMAND, name: 'Something else' }, ME, { idempotencyKey: 'k1' })).rejects.toBeInstanceOf(ConflictError);
    expect(cycles.create).not.toHaveBeenCalled();
  });

  it('losing the race to insert answers with the winner’s cycle, whose follow-ups are the winner’s', async () => {
    const first = await firstStarted();
    const { service, cycles, timers } = setUp();
    cycles.findById.mockResolvedValueOnce(null).mockResolvedValueOnce(aCycle({ id: first.id, startRequest: first.startRequest }));
    cycles.create.mockRejectedValue(Object.assign(new Error('E11000 duplicate key error'), { code: 11000 }));
    expect((await service.create(COMMAND, ME, { idempotencyKey: 'k1' })).id).toBe(first.id);
    expect(timers.scheduleFanOut).not.toHaveBeenCalled();
  });

  it('without a key, a duplicate-key error is not swallowed', async () => {
    const { service, cycles } = setUp();
    cycles.create.mockRejectedValue(Object.assign(new Error('E11000 duplicate key error'), { code: 11000 }));
    await expect(service.create(COMMAND, ME)).rejects.toThrow('E11000');
    expect(cycles.findById).not.toHaveBeenCalled();
  });
});

describe('CycleService.create for a questionnaire round', () => {
  const CHARTER = { actor: 'committee:c@cities.example.eu', roles: ['committee' as const], committeeOf: ['charter'] };
  const ROUND = { name: 'Charter 2030', programme: 'charter', start: new Date('2030-02-01T00:00:00Z'), groups: ['education'] };

  function round() {
    const t = setUp();
    t.double(ProgrammeCatalog).roundOf.mockReturnValue({ questionnaire: 'charter-like', everyMonths: 24, surveyMonths: 4 });
    t.double(QuestionnaireCatalog).get.mockReturnValue(networkQuestionnaire());
    return { ...t, versions: t.double(QuestionnaireVersionRepository) };
  }

  it('snapshots the questionnaire, marks its version used, and plans one survey milestone over the programme’s window', async () => {
    const { service, versions } = round();
    versions.listByKey.mockResolvedValue([]);
    versions.use.mockImplementation(async (q) => q);
    const cycle = await service.create(ROUND, CHARTER);
    expect(cycle.questionnaire).toEqual(networkQuestionnaire());
    expect(cycle.template).toBeUndefined();
    expect(versions.use).toHaveBeenCalledWith(networkQuestionnaire(), NOW);
    expect(cycle.milestones.map((m) => [m.key, m.requestAt.toISOString().slice(0, 10), m.dueAt.toISOString().slice(0, 7)])).toEqual([
      ['survey', '2030-02-01', '2030-06'],
    ]);
    expect(cycle.lengthMonths).toBe(24);
  });

  it('a survey milestone the committee described (the start form) keeps every wording of its title when it is the programme’s', async () => {
    const { service, versions } = round();
    versions.listByKey.mockResolvedValue([]);
    versions.use.mockImplementation(async (q) => q);
    const milestones = [{ key: 'survey', title: 'Selbstevaluation', kind: 'final' as const, requestMonth: 0, dueMonth: 4, compileMonth: 6 }];
    const cycle = await service.create({ ...ROUND, milestones }, CHARTER);
    expect(cycle.milestones[0].title).toEqual({ en: 'Self-evaluation', de: 'Selbstevaluation', fr: 'Auto-évaluation' });
    expect(cycle.milestones[0].compileAt.toISOString().slice(0, 7)).toBe('2030-08');
  });

  it('refuses a version a round used with another definition, until the file gives the change a new version', async () => {
    const { service, versions, cycles } = round();
    const used = networkQuestionnaire();
    used.sections[1].title = { en: 'Policy (as first asked)', de: 'Politik', fr: 'Politique' };
    versions.listByKey.mockResolvedValue([{ id: 'charter-like:2', key: 'charter-like', version: 2, definition: used, firstUsedAt: NOW }]);
    await expect(service.create(ROUND, CHARTER)).rejects.toThrow(/version 2 of "charter-like" is used by a cycle and cannot change/);
    expect(versions.use).not.toHaveBeenCalled();
    expect(cycles.create).not.toHaveBeenCalled();
  });
});
