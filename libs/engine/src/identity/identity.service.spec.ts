import { ProgrammeCatalog } from '../programmes/programme-catalog';
import { EventRepository, UserRecord, UserRepository } from '@pact/persistence';
import { newTestService } from '../testing/service-doubles';
import { ChairWelcome } from './chair-welcome';
import { IdentityService } from './identity.service';

const CHAIR = { name: 'Jonas Weber', email: 'Jonas.Weber@city.example.de', language: 'de' as const, timeZone: 'Europe/Berlin' };

function user(over: Partial<UserRecord> = {}): UserRecord {
  return {
    id: 'u1',
    name: 'Jonas Weber',
    email: 'jonas.weber@city.example.de',
    roles: ['chair'],
    committeeOf: [],
    groupKeys: ['sport'],
    createdAt: new Date(0),
    ...over,
  };
}

function setUp() {
  const t = newTestService(IdentityService);
  t.double(ProgrammeCatalog).list.mockReturnValue([{ key: 'pact', name: 'Pact', participantKind: 'working-group' }] as never);
  t.double(ProgrammeCatalog).has.mockImplementation(((key: string) => key === 'pact') as never);
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

describe('IdentityService: editing and disabling people', () => {
  const me = { userId: 'me', actor: 'committee:me@example.eu', roles: ['committee' as const], committeeOf: ['pact'] };

  it('two members disabling each other at once: the one who finds no committee left undoes it (409)', async () => {
    const { service, users, events } = setUp();
    users.findById.mockResolvedValue(user({ id: 'u2', roles: ['committee'], groupKeys: [] }));
    users.countWithRole.mockResolvedValueOnce(2).mockResolvedValueOnce(0);
    users.disable.mockResolvedValue(user({ id: 'u2', roles: ['committee'], disabledAt: new Date() }));
    await expect(service.disableUser('u2', me)).rejects.toThrow('last active committee member');
    expect(users.enable).toHaveBeenCalledWith('u2', expect.any(Date));
    expect(events.append).not.toHaveBeenCalled();
  });

  it('an edit that crossed another change (the version read is gone) is refused, not overwriting it', async () => {
    const { service, users, events } = setUp();
    users.findById.mockResolvedValue(user({ roles: ['operator'], groupKeys: [], updatedAt: new Date(1) }));
    users.update.mockResolvedValue(null);
    await expect(service.updateUser('u1', { name: 'Jonas W.' }, 'committee:a')).rejects.toThrow('changed meanwhile');
    expect(users.update).toHaveBeenCalledWith(expect.objectContaining({ updatedAt: new Date(1) }), { name: 'Jonas W.' }, expect.any(Date));
    expect(events.append).not.toHaveBeenCalled();
  });

  it('a chair named by the committee is welcomed for that naming; a start-up grant welcomes nobody', async () => {
    const t = newTestService(IdentityService);
    const users = t.double(UserRepository);
    const notifications = t.double(ChairWelcome);
    users.findByEmail.mockResolvedValue(user());
    await t.service.grantChair('sport', CHAIR, 'start');
    expect(notifications.welcomeChair).not.toHaveBeenCalled();
    await t.service.grantChair('sport', CHAIR, 'committee:a', new Date(5000));
    expect(notifications.welcomeChair).toHaveBeenCalledWith(
      expect.objectContaining({ email: 'jonas.weber@city.example.de' }),
      'sport',
      'chair-welcome-sport-jonas.weber@city.example.de-5000',
    );
  });
});
