import { EventRepository, UserRecord, UserRepository } from '@pact/persistence';
import { newTestService } from '../testing/service-doubles';
import { IdentityService } from './identity.service';

const CHAIR = { name: 'Jonas Weber', email: 'Jonas.Weber@city.example.de', language: 'de' as const, timeZone: 'Europe/Berlin' };

function user(over: Partial<UserRecord> = {}): UserRecord {
  return { id: 'u1', name: 'Jonas Weber', email: 'jonas.weber@city.example.de', roles: ['chair'], groupKeys: ['sport'], createdAt: new Date(0), ...over };
}

function setUp() {
  const t = newTestService(IdentityService);
  return { ...t, users: t.double(UserRepository), events: t.double(EventRepository) };
}

describe('IdentityService.grantChair (access follows the committee naming a chair)', () => {
  it('an unknown address gets an account acting for the group, in the chair language and zone', async () => {
    const { service, users, events } = setUp();
    users.findByEmail.mockResolvedValue(null);
    users.create.mockImplementation(async (u) => ({ id: 'u1', ...u }));
    const granted = await service.grantChair('sport', CHAIR, 'committee:a');
    expect(granted).toMatchObject({ created: true, user: { email: 'jonas.weber@city.example.de', roles: ['chair'], groupKeys: ['sport'] } });
    expect(users.create).toHaveBeenCalledWith(expect.objectContaining({ language: 'de', timeZone: 'Europe/Berlin', createdBy: 'committee:a' }));
    expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'user.created', groupKey: 'sport' }));
  });

  it('an existing account (another role, or chair of another group) gets the group added', async () => {
    const { service, users, events } = setUp();
    users.findByEmail.mockResolvedValue(user({ roles: ['committee'], groupKeys: [] }));
    users.addChairGroup.mockResolvedValue(user({ roles: ['committee', 'chair'] }));
    expect(await service.grantChair('sport', CHAIR, 'committee:a')).toMatchObject({ created: false });
    expect(users.addChairGroup).toHaveBeenCalledWith('jonas.weber@city.example.de', 'sport');
    expect(events.append).toHaveBeenCalledWith(expect.objectContaining({ type: 'user.chair-granted' }));
    expect(users.create).not.toHaveBeenCalled();
  });

  it('naming the same chair again changes nothing and records nothing', async () => {
    const { service, users, events } = setUp();
    users.findByEmail.mockResolvedValue(user());
    expect(await service.grantChair('sport', CHAIR, 'start')).toMatchObject({ created: false });
    expect(users.addChairGroup).not.toHaveBeenCalled();
    expect(events.append).not.toHaveBeenCalled();
  });

  it('another process creating the account first: the group is added to that account', async () => {
    const { service, users } = setUp();
    users.findByEmail.mockResolvedValue(null);
    users.create.mockRejectedValue(Object.assign(new Error('E11000 duplicate key'), { code: 11000 }));
    users.addChairGroup.mockResolvedValue(user());
    expect(await service.grantChair('sport', CHAIR, 'start')).toMatchObject({ created: false, user: { id: 'u1' } });
  });

  it('a disabled account stays disabled: nothing is granted', async () => {
    const { service, users } = setUp();
    users.findByEmail.mockResolvedValue(user({ groupKeys: [], disabledAt: new Date(0) }));
    users.addChairGroup.mockResolvedValue(null);
    expect(await service.grantChair('sport', CHAIR, 'committee:a')).toBeNull();
  });
});
