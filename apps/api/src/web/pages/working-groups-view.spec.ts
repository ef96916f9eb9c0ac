import { aGroup, aUser } from '../testing/page-fixtures';
import { chairsWhoCanSignIn } from './working-groups-view';

describe('chairsWhoCanSignIn', () => {
  const groups = [aGroup('education', { chair: { name: 'Anna', email: 'Anna.Weber@Example.org', language: 'de' } }), aGroup('housing')];
  const anna = aUser({ roles: ['chair'], groupKeys: ['education'], email: 'anna.weber@example.org' });

  it('a chair account of that group with the chair’s address, whatever its case', () => {
    expect(chairsWhoCanSignIn([anna], groups)).toEqual(
      new Map([
        ['education', true],
        ['housing', false],
      ]),
    );
  });

  it('not a disabled account, one of another group, or one without the chair role', () => {
    for (const user of [
      { ...anna, disabledAt: new Date('2030-01-02T00:00:00Z') },
      { ...anna, groupKeys: ['housing'] },
      { ...anna, roles: ['committee' as const] },
    ])
      expect(chairsWhoCanSignIn([user], groups).get('education')).toBe(false);
  });
});
