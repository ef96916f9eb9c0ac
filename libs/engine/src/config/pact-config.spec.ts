import 'reflect-metadata';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { textIn } from '@pact/domain';
import { loadPactConfig } from './pact-config';

const PACT = resolve(__dirname, '../../../../config/programmes/pact.yaml');

function configWith(edit: (yaml: string) => string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pact-config-')), 'pact.yaml');
  writeFileSync(file, edit(readFileSync(PACT, 'utf8')));
  return file;
}

describe('loadPactConfig: texts people read, in their languages', () => {
  const config = loadPactConfig(PACT);

  it('the Pact has every text people read in English, German and French', () => {
    expect(config.languages).toEqual({ fallback: 'en', required: ['en', 'de', 'fr'] });
    const texts = [
      config.network,
      config.committee.name,
      ...config.milestones.map((m) => m.title),
      ...config.workingGroups.flatMap((g) => [g.fieldOfAction, g.goal]),
      ...config.templates.flatMap((t) => [
        t.name,
        ...Object.values(t.indicatorsByGroup)
          .flat()
          .flatMap((i) => [i.name, i.unit]),
      ]),
    ];
    expect(texts.length).toBeGreaterThan(40);
    for (const text of texts) for (const lang of ['en', 'de', 'fr']) expect(typeof text === 'object' && text[lang as 'en']).toBeTruthy();
    const education = config.workingGroups.find((g) => g.key === 'education')!;
    expect(textIn(education.fieldOfAction, 'de')).toBe('Integration durch Bildung');
    expect(textIn(education.fieldOfAction, 'fr')).toBe("Intégration par l'éducation");
    // A language without its own wording reads the fallback language's.
    expect(textIn(education.fieldOfAction, 'it')).toBe('Integration through education');
    expect(config.milestones.map((m) => textIn(m.title, 'de'))).toEqual(['Zwischenbericht', 'Umsetzungsbericht']);
  });

  it('refuses a text without a required language, naming where', () => {
    const file = configWith((y) => y.replace('      de: "Integration durch Sport"\n', ''));
    expect(() => loadPactConfig(file)).toThrow(/workingGroups\.sport\.fieldOfAction: the de text is missing \(the configuration requires en, de, fr\)/);
  });

  it('refuses a single text when more than the fallback language is required, and takes it when only the fallback is', () => {
    const single = (y: string) =>
      y.replace(/ {2}name:\n {4}en: Steering committee\n {4}de: Lenkungsausschuss\n {4}fr: Comité de pilotage\n/, '  name: Steering committee\n');
    expect(() => loadPactConfig(configWith(single))).toThrow(/committee\.name: a single text counts as en; de, fr are required too/);
    const onlyEnglish = loadPactConfig(configWith((y) => single(y).replace('required: [en, de, fr]', 'required: [en]')));
    expect(onlyEnglish.committee.name).toBe('Steering committee');
  });

  it('refuses an unknown language and an empty wording', () => {
    const file = configWith((y) => y.replace('      fr: "Intégration par le sport"', '      xx: "?"\n      fr: ""'));
    expect(() => loadPactConfig(file)).toThrow(
      /workingGroups\.sport\.fieldOfAction\.xx: not a supported language[\s\S]*workingGroups\.sport\.fieldOfAction\.fr: must be a text, not empty/,
    );
  });

  it('checks indicators, milestones and the template name alike', () => {
    const file = configWith((y) =>
      y
        .replace('de: "Schülerinnen und Schüler in Sprachförderkursen"', 'de: ""')
        .replace('      de: Zwischenbericht\n', '')
        .replace('      de: Bericht zur Umsetzung des Pakts\n', ''),
    );
    const err = (() => {
      try {
        loadPactConfig(file);
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(err).toMatch(/milestones\[0\]\.title: the de text is missing/);
    expect(err).toMatch(/templates\.pact-implementation\.name: the de text is missing/);
    expect(err).toMatch(/templates\.pact-implementation\.indicatorsByGroup\.education\[1\]\.name\.de: must be a text, not empty/);
  });
});

describe('loadPactConfig: dates typed as days', () => {
  it('reads the programme’s calendar and due time of day, defaulting to the committee’s zone and the end of the day', () => {
    const config = loadPactConfig(PACT);
    expect(config.deadlines).toEqual({ timeZone: 'Europe/Brussels', dueTime: { hour: 23, minute: 59, second: 59 } });
    const noon = loadPactConfig(configWith((y) => y.replace('dueTimeOfDay: "23:59:59"', 'dueTimeOfDay: "12:00"\n  timeZone: Europe/Lisbon')));
    expect(noon.deadlines).toEqual({ timeZone: 'Europe/Lisbon', dueTime: { hour: 12, minute: 0, second: 0 } });
  });

  it('refuses a time of day or a time zone that is not one', () => {
    expect(() => loadPactConfig(configWith((y) => y.replace('dueTimeOfDay: "23:59:59"', 'dueTimeOfDay: "25:00"')))).toThrow(/dueTimeOfDay: HH:MM or HH:MM:SS/);
    expect(() => loadPactConfig(configWith((y) => y.replace('dueTimeOfDay: "23:59:59"', 'dueTimeOfDay: "23:59:59"\n  timeZone: Mars/Olympus')))).toThrow(
      /deadlines\.timeZone: Mars\/Olympus is not an IANA time zone/,
    );
  });
});
