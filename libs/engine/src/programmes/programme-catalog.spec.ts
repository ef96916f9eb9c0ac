import 'reflect-metadata';
import { mkdtempSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPactConfig } from '../config/pact-config';
import { loadProgrammes } from './programme-catalog';

const PROGRAMMES = join(__dirname, '..', '..', '..', '..', 'config', 'programmes');
const pact = loadPactConfig(join(PROGRAMMES, 'pact.yaml'));

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'programmes-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const CITY = '{ key: ghent, name: Ghent, country: BE, language: en, size: small, coordinator: { name: C, email: c@ghent.example.be } }';
const T = '{ en: Charter, de: Charta, fr: Charte }';
const HEAD = `key: charter\nname: ${T}\ncommittee: { name: ${T}, emails: [g@example.org] }\n`;

describe('loadProgrammes (config/programmes)', () => {
  it('reads the shipped files: the Pact and the Charter with its 52 cities, their other files left to their own readers', () => {
    const { programmes, others } = loadProgrammes(PROGRAMMES, pact);
    expect(programmes.map((p) => [p.key, p.participantKind])).toEqual([
      ['pact', 'working-group'],
      ['charter', 'city'],
    ]);
    expect(others[0].participants).toHaveLength(52);
    expect(others[0].participants.find((c) => c.key === 'vienna')).toMatchObject({
      programme: 'charter',
      country: 'AT',
      size: 'large',
      chair: { language: 'de' },
    });
  });

  it('names every problem of a file by its place, and refuses a key another programme has', () => {
    const dir = dirWith({
      'charter.yaml': `${HEAD}participants:\n  - ${CITY}\n  - { key: education, name: Education, country: Belgium, language: nl, coordinator: { name: X, email: nope } }\n`,
    });
    copyFileSync(join(PROGRAMMES, 'charter.questionnaire.yaml'), join(dir, 'charter.questionnaire.yaml'));
    let message = '';
    try {
      loadProgrammes(dir, pact);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('participants.education.country: an ISO 3166-1 alpha-2 code');
    expect(message).toContain('participants.education.language: one of en, de, fr');
    expect(message).toContain('participants.education.coordinator.email: an e-mail address');
    expect(() => loadProgrammes(dirWith({ 'charter.yaml': `${HEAD}participants:\n  - ${CITY.replace('key: ghent', 'key: education')}\n` }), pact)).toThrow(
      'participants.education: the key is a participant of "pact" already',
    );
    expect(() => loadProgrammes(dirWith({ 'cities.yaml': `${HEAD}participants:\n  - ${CITY}\n` }), pact)).toThrow(
      'key: "charter" is not the file\'s name "cities"',
    );
    expect(() => loadProgrammes(dirWith({ 'charter.yaml': `${HEAD}participants: []\n` }), pact)).toThrow('participants: at least one');
  });
});
