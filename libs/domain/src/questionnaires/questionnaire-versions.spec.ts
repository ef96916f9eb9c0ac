import { surveyFixture } from '../testing/questionnaire-fixture';
import type { Questionnaire } from './questionnaire';
import { sameQuestionnaire, versionProblems } from './questionnaire-versions';

const v1 = surveyFixture();
const changed = (version: number): Questionnaire => {
  const q = surveyFixture();
  q.version = version;
  q.sections[0].questions[0].label = { en: 'Taking part?', de: 'Teilnahme?', fr: 'Participation ?' };
  return q;
};

describe('questionnaire versions', () => {
  it('compare by content, not by how the definition was written (key order)', () => {
    const reordered = JSON.parse(JSON.stringify({ sections: v1.sections, name: v1.name, version: v1.version, key: v1.key })) as Questionnaire;
    expect(sameQuestionnaire(v1, reordered)).toBe(true);
    expect(sameQuestionnaire(v1, changed(1))).toBe(false);
  });

  it('a version a cycle uses cannot change; the change needs a version above every one in use', () => {
    expect(versionProblems([v1], surveyFixture())).toEqual([]);
    expect(versionProblems([v1], changed(1))).toEqual([
      { path: 'version', message: expect.stringContaining('is used by a cycle and cannot change; give the change a new version (2)') },
    ]);
    expect(versionProblems([v1], changed(2))).toEqual([]);
    expect(versionProblems([v1, changed(3)], changed(2))).toEqual([{ path: 'version', message: 'must be 4 or above: a cycle uses version 3 of "survey"' }]);
  });

  it('versions of other questionnaires do not count', () => {
    expect(versionProblems([{ ...changed(5), key: 'other' }], changed(1))).toEqual([]);
  });
});
