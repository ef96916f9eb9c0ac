import { isCommitteeOf, programmesOf, seesAllGroups, seesProgramme } from './programme';

const PROGRAMMES = [{ key: 'pact' }, { key: 'charter' }];
const groupProgramme = (g: string) => ({ education: 'pact', berlin: 'charter' })[g];

describe('who acts where, per programme', () => {
  it('a committee member acts as the committee of their programmes only', () => {
    const pact = { roles: ['committee' as const], committeeOf: ['pact'] };
    expect(isCommitteeOf(pact, 'pact')).toBe(true);
    expect(isCommitteeOf(pact, 'charter')).toBe(false);
    expect(seesAllGroups(pact, 'charter')).toBe(false);
    // A seat without the role (left behind by a change of roles) grants nothing.
    expect(isCommitteeOf({ roles: ['chair'], committeeOf: ['pact'] }, 'pact')).toBe(false);
  });

  it('operators see every programme’s groups, and act as no committee', () => {
    const operator = { roles: ['operator' as const], committeeOf: [], programmes: [] };
    expect(seesAllGroups(operator, 'charter')).toBe(true);
    expect(seesProgramme(operator, 'pact')).toBe(true);
    expect(isCommitteeOf(operator, 'pact')).toBe(false);
  });

  it('a person takes part in their committees’ programmes and their groups’', () => {
    const both = { roles: ['committee' as const, 'chair' as const], committeeOf: ['pact'], groupKeys: ['berlin'] };
    expect(programmesOf(both, PROGRAMMES, groupProgramme)).toEqual(['pact', 'charter']);
    expect(programmesOf({ roles: ['chair'], committeeOf: [], groupKeys: ['berlin', 'gone'] }, PROGRAMMES, groupProgramme)).toEqual(['charter']);
    expect(programmesOf({ roles: ['operator'], committeeOf: [], groupKeys: [] }, PROGRAMMES, groupProgramme)).toEqual(['pact', 'charter']);
    expect(seesProgramme({ roles: ['chair'], programmes: ['charter'] }, 'pact')).toBe(false);
  });
});
