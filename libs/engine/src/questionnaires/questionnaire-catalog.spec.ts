import type { TextLanguages } from '@pact/domain';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError } from '../errors';
import type { PactConfig } from '../config/pact-config';
import { EngineSettings } from '../config/settings';
import { loadQuestionnaires, QuestionnaireCatalog } from './questionnaire-catalog';

const PROGRAMMES = join(__dirname, '..', '..', '..', '..', 'config', 'programmes');
const EN_DE_FR: TextLanguages = { fallback: 'en', required: ['en', 'de', 'fr'] };
const config = { languages: EN_DE_FR } as unknown as PactConfig;
const settings = (dir: string) => ({ programmesDir: dir }) as EngineSettings;

describe('QuestionnaireCatalog', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'questionnaires-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("holds the programmes' questionnaires by key: the Charter's self-evaluation", () => {
    const catalog = new QuestionnaireCatalog(settings(PROGRAMMES), config);
    expect(catalog.list().map((q) => q.key)).toEqual(['charter-self-evaluation']);
    expect(catalog.get('charter-self-evaluation').sections[0].questions[0].key).toBe('take-part');
    expect(() => catalog.get('nope')).toThrow(NotFoundError);
  });

  it('refuses to start on a questionnaire with a problem, naming the file and the place', () => {
    const charter = readFileSync(join(PROGRAMMES, 'charter.questionnaire.yaml'), 'utf8');
    writeFileSync(join(dir, 'charter.yaml'), 'not: a questionnaire');
    writeFileSync(join(dir, 'charter.questionnaire.yaml'), charter.replace('type: yesNo', 'type: maybe'));
    expect(() => loadQuestionnaires(dir, EN_DE_FR)).toThrow(/charter\.questionnaire\.yaml: .*sections\[0\]\.questions\[0\]/);
    writeFileSync(join(dir, 'charter.questionnaire.yaml'), charter);
    writeFileSync(join(dir, 'copy.questionnaire.yaml'), charter);
    expect(() => loadQuestionnaires(dir, EN_DE_FR)).toThrow(/copy\.questionnaire\.yaml: another file has the questionnaire "charter-self-evaluation"/);
    writeFileSync(join(dir, 'copy.questionnaire.yaml'), 'key: [unclosed');
    expect(() => loadQuestionnaires(dir, EN_DE_FR)).toThrow(/copy\.questionnaire\.yaml/);
    expect(() => loadQuestionnaires(join(dir, 'missing'), EN_DE_FR)).toThrow(/Cannot read the programmes' folder/);
  });
});
