import { charterHistoryScheme } from '@pact/domain/testing/charter-scheme';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadHistoryScheme } from './history-scheme-file';

const PROGRAMMES = resolve(__dirname, '../../../../config/programmes');

describe('a history scheme from the programme files', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'programmes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads the Charter's 52 cities and its 11 rated commitments on one scale, as the tests' fixture has them", async () => {
    const scheme = await loadHistoryScheme(PROGRAMMES, 'charter', 2024);
    expect(scheme.participants).toHaveLength(52);
    expect(scheme.participants.find((p) => p.key === 'munich')?.name).toEqual({ en: 'Munich', de: 'München', fr: 'Munich' });
    expect(scheme.questionKeys).toHaveLength(11);
    expect(scheme.ratingLevels.map((l) => l.key)).toEqual(['fully', 'partly', 'not-yet', 'not-applicable']);
    // The fixture the domain's tests use is the programme as configured, not a copy that drifts.
    expect(scheme).toEqual(charterHistoryScheme(2024));
  });

  it('refuses a programme without participants, naming the file', async () => {
    copyFileSync(join(PROGRAMMES, 'charter.questionnaire.yaml'), join(dir, 'charter.questionnaire.yaml'));
    writeFileSync(join(dir, 'charter.yaml'), 'key: charter\nparticipants: []\n');
    await expect(loadHistoryScheme(dir, 'charter', 2024)).rejects.toThrow('charter.yaml lists no participants');
  });

  it('refuses a participant without a key and a questionnaire with a problem, saying where', async () => {
    writeFileSync(join(dir, 'charter.yaml'), 'participants:\n  - { name: Oslo }\n');
    const questionnaire = readFileSync(join(PROGRAMMES, 'charter.questionnaire.yaml'), 'utf8').replace('key: take-part\n', 'key: Take Part\n');
    writeFileSync(join(dir, 'charter.questionnaire.yaml'), questionnaire);
    const err = await loadHistoryScheme(dir, 'charter', 2024).catch((e: Error) => e);
    expect((err as Error).message).toContain('participants[0].key: missing');
    expect((err as Error).message).toMatch(/charter\.questionnaire\.yaml sections\[0\]\.questions\[0\]\.key/);
  });

  it('refuses ratings on different scales: a history row holds one rating per commitment, on one scale', async () => {
    copyFileSync(join(PROGRAMMES, 'charter.yaml'), join(dir, 'charter.yaml'));
    // The second commitment's levels lose "not applicable".
    const threeLevels =
      'levels: [{ key: fully, score: 3, label: { en: Fully, de: Vollständig, fr: Pleinement } }, { key: partly, score: 2, label: { en: Partly, de: Teilweise, fr: Partiellement } }, { key: not-yet, score: 1, label: { en: Not yet, de: Noch nicht, fr: Pas encore } }]';
    const questionnaire = readFileSync(join(PROGRAMMES, 'charter.questionnaire.yaml'), 'utf8').replace('levels: *levels', threeLevels);
    writeFileSync(join(dir, 'charter.questionnaire.yaml'), questionnaire);
    await expect(loadHistoryScheme(dir, 'charter', 2024)).rejects.toThrow(
      /has other levels than communicate-equal-opportunities; a history file needs one scale/,
    );
  });
});
