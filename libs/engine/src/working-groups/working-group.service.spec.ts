import { EventRepository, WorkingGroupRecord, WorkingGroupRepository } from '@pact/persistence';
import { ConflictError, NotFoundError } from '../errors';
import { IdentityService } from '../identity/identity.service';
import { newTestService } from '../testing/service-doubles';
import { WorkingGroupService } from './working-group.service';

const LENA = { name: 'Lena Schmidt', email: 'chair.sport@pact.example.eu', language: 'de' as const };
const JONAS = { name: 'Jonas Weber', email: 'Jonas.Weber@city.example.de', language: 'de' as const };

function group(over: Partial<WorkingGroupRecord> = {}): WorkingGroupRecord {
  return { key: 'sport', programme: 'pact', fieldOfAction: 'Integration through sport', goal: '', chair: LENA, ...over };
}

function setUp() {
  const t = newTestService(WorkingGroupService);
  return { ...t, groups: t.double(WorkingGroupRepository), identity: t.double(IdentityService), events: t.double(EventRepository) };
}

const COMMITTEE = { actor: 'committee:a', roles: ['committee' as const], committeeOf: ['pact'] };

describe('WorkingGroupService: a chair change moves access with it', () => {
  it('guards the change by the group read, then grants the new chair and withdraws the former ones', async () => {
    const { service, groups, identity } = setUp();
    const read = group({ updatedAt: new Date('2030-01-01T00:00:00Z') });
    const namedAt = new Date('2030-01-02T00:00:00Z');
    const changed = group({ chair: JONAS, outbox: ['chair-access'], formerChairs: ['chair.sport@pact.example.eu'], chairNamedAt: namedAt });
    groups.findByKey.mockResolvedValueOnce(read).mockResolvedValueOnce(read).mockResolvedValue(changed);
    groups.update.mockResolvedValue(changed);
    const after = await service.update('sport', { chair: JONAS }, COMMITTEE);
    expect(groups.update).toHaveBeenCalledWith('sport', { chair: JONAS }, expect.any(Date), read);
    expect(identity.withdrawChair).toHaveBeenCalledWith('sport', 'chair.sport@pact.example.eu', 'committee:a');
    // The naming's time goes with the grant: the new chair is welcomed once for it.
    expect(identity.grantChair).toHaveBeenCalledWith('sport', JONAS, 'committee:a', namedAt);
    expect(groups.completeChairAccess).toHaveBeenCalledWith('sport', JONAS.email);
    // The bookkeeping stays inside the engine.
    expect(after).not.toHaveProperty('outbox');
    expect(after).not.toHaveProperty('formerChairs');
    expect(after).not.toHaveProperty('chairNamedAt');
  });

  it('a chair replaced while access was being given to them is caught up with: withdrawn again, the new one granted', async () => {
    const { service, groups, identity } = setUp();
    const forJonas = group({ chair: JONAS, outbox: ['chair-access'], formerChairs: ['chair.sport@pact.example.eu'] });
    const forLena = group({ chair: LENA, outbox: ['chair-access'], formerChairs: ['jonas.weber@city.example.de'] });
    groups.findByKey.mockResolvedValueOnce(forJonas).mockResolvedValueOnce(forLena).mockResolvedValue(forLena);
    await service.followUp({ key: 'sport' });
    expect(identity.grantChair.mock.calls.map((c) => c[1].email)).toEqual([JONAS.email, LENA.email]);
    expect(identity.withdrawChair.mock.calls.map((c) => c[1])).toEqual(['chair.sport@pact.example.eu', 'jonas.weber@city.example.de']);
    expect(groups.completeChairAccess).toHaveBeenCalledTimes(1);
    expect(groups.completeChairAccess).toHaveBeenCalledWith('sport', LENA.email);
  });

  it('a change that crossed another (the chair read is no longer the chair) is a conflict and moves no access', async () => {
    const { service, groups, identity } = setUp();
    groups.findByKey.mockResolvedValue(group());
    groups.update.mockResolvedValue(null);
    await expect(service.update('sport', { chair: JONAS }, COMMITTEE)).rejects.toBeInstanceOf(ConflictError);
    expect(identity.grantChair).not.toHaveBeenCalled();
    expect(identity.withdrawChair).not.toHaveBeenCalled();
  });

  it('an unknown group is not found', async () => {
    const { service, groups } = setUp();
    groups.findByKey.mockResolvedValue(null);
    await expect(service.update('astrology', { chair: JONAS }, COMMITTEE)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('the sweep finishes a follow-up left owed: never withdraws the chair in office, even when named again', async () => {
    const { service, groups, identity } = setUp();
    const g = group({ chair: LENA, outbox: ['chair-access'], formerChairs: ['jonas.weber@city.example.de', 'chair.sport@pact.example.eu'] });
    groups.findByKey.mockResolvedValue(g);
    await service.followUp(g);
    expect(identity.withdrawChair).toHaveBeenCalledTimes(1);
    expect(identity.withdrawChair).toHaveBeenCalledWith('sport', 'jonas.weber@city.example.de', 'engine');
    expect(identity.grantChair).toHaveBeenCalledWith('sport', LENA, 'engine', undefined);
    expect(groups.completeChairAccess).toHaveBeenCalledWith('sport', LENA.email);
  });
});
