import { CycleRepository, TemplateRepository, WorkingGroupRepository } from '@pact/persistence';
import { TimerScheduler } from '@pact/queues';
import { aCycle } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { CycleService, cycleIdForKey } from './cycle.service';

const NOW = new Date('2030-01-01T00:00:00Z');
const COMMAND = { name: 'Pact 2030–2032', start: new Date('2030-02-01T00:00:00Z'), groups: ['education'] };

function setUp() {
  const t = newTestService(CycleService, { now: NOW, config: { defaultTemplate: 't' } });
  t.double(TemplateRepository).findByKey.mockResolvedValue(aCycle().template as never);
  t.double(WorkingGroupRepository).list.mockResolvedValue([{ key: 'education' }] as never);
  const cycles = t.double(CycleRepository);
  cycles.create.mockImplementation(async (c, id) => ({ ...c, id: id ?? 'generated' }));
  return { ...t, cycles, timers: t.double(TimerScheduler) };
}

describe('CycleService.create with an idempotency key', () => {
  it('derives the cycle id from the key, so the same key names the same cycle', async () => {
    const { service, cycles } = setUp();
    cycles.findById.mockResolvedValue(null);
    const cycle = await service.create(COMMAND, 'committee:a', { idempotencyKey: 'k1' });
    expect(cycle.id).toBe(cycleIdForKey('k1'));
    expect(cycleIdForKey('k1')).toMatch(/^[0-9a-f]{24}$/);
    expect(cycleIdForKey('k2')).not.toBe(cycleIdForKey('k1'));
    expect(cycles.create).toHaveBeenCalledWith(expect.objectContaining({ name: 'Pact 2030–2032' }), cycleIdForKey('k1'));
  });

  it('a key already used answers with that cycle and starts nothing', async () => {
    const { service, cycles, timers } = setUp();
    cycles.findById.mockResolvedValue(aCycle({ id: cycleIdForKey('k1'), name: 'First', outbox: ['created'] }));
    const cycle = await service.create({ ...COMMAND, name: 'Second' }, 'committee:a', { idempotencyKey: 'k1' });
    expect(cycle).toMatchObject({ id: cycleIdForKey('k1'), name: 'First', outbox: [] });
    expect(cycles.create).not.toHaveBeenCalled();
    expect(timers.scheduleFanOut).not.toHaveBeenCalled();
  });

  it('losing the race to insert answers with the winner’s cycle, whose follow-ups are the winner’s', async () => {
    const { service, cycles, timers } = setUp();
    cycles.findById.mockResolvedValueOnce(null).mockResolvedValueOnce(aCycle({ id: cycleIdForKey('k1') }));
    cycles.create.mockRejectedValue(Object.assign(new Error('E11000 duplicate key error'), { code: 11000 }));
    expect((await service.create(COMMAND, 'committee:a', { idempotencyKey: 'k1' })).id).toBe(cycleIdForKey('k1'));
    expect(timers.scheduleFanOut).not.toHaveBeenCalled();
  });

  it('without a key, a duplicate-key error is not swallowed', async () => {
    const { service, cycles } = setUp();
    cycles.create.mockRejectedValue(Object.assign(new Error('E11000 duplicate key error'), { code: 11000 }));
    await expect(service.create(COMMAND, 'committee:a')).rejects.toThrow('E11000');
    expect(cycles.findById).not.toHaveBeenCalled();
  });
});
