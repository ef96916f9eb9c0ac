import { Inject, Injectable } from '@nestjs/common';
import {
  FALLBACK_LANGUAGE,
  isTimeZone,
  KEY_PATTERN,
  LANGUAGES,
  localizedTextProblems,
  PARTICIPANT_KINDS,
  type LocalizedText,
  type ParticipantKind,
  type Programme,
  type TextLanguages,
  type WorkingGroup,
} from '@pact/domain';
import { readProgrammeFiles } from './programme-files';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { EngineSettings } from '../config/settings';
import { InvalidError } from '../errors';

/** A programme besides the Pact, as its file declares it (config/programmes/<key>.yaml). */
export interface ParticipantProgramme extends Programme {
  committee: { name: LocalizedText; emails: string[] };
  /** What a cycle asks (a questionnaire's key) and its rhythm. */
  cycle?: { questionnaire?: string; everyMonths?: number; surveyMonths?: number };
  participants: WorkingGroup[];
}

// A city's name is often the same in every language: one text is enough.
const ANY_NAME: TextLanguages = { fallback: FALLBACK_LANGUAGE, required: [FALLBACK_LANGUAGE] };
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const COUNTRY = /^[A-Z]{2}$/;

type Raw = Record<string, unknown>;
const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads one programme file: its key (the file's name), name, committee, cycle and participants.
 * Returns the programme, or every problem by its place in the file.
 */
export function programmeOfFile(key: string, raw: unknown, languages: TextLanguages): { programme?: ParticipantProgramme; problems: string[] } {
  const problems: string[] = [];
  if (!isObject(raw)) return { problems: ['not a programme (a mapping with key, name, committee, participants)'] };
  if (raw.key !== key) problems.push(`key: "${String(raw.key)}" is not the file's name "${key}"`);
  problems.push(...localizedTextProblems('name', raw.name, languages));
  const kind = (raw.participantKind ?? 'city') as ParticipantKind;
  if (!PARTICIPANT_KINDS.includes(kind)) problems.push(`participantKind: one of ${PARTICIPANT_KINDS.join(', ')}`);
  const committee = isObject(raw.committee) ? raw.committee : {};
  problems.push(...localizedTextProblems('committee.name', committee.name, languages));
  const emails = Array.isArray(committee.emails) ? committee.emails : [];
  if (emails.length === 0 || !emails.every((e) => typeof e === 'string' && EMAIL.test(e))) problems.push('committee.emails: at least one e-mail address');
  const cycle = isObject(raw.cycle) ? raw.cycle : undefined;
  for (const n of ['everyMonths', 'surveyMonths'] as const) {
    const v = cycle?.[n];
    if (v !== undefined && (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 120)) problems.push(`cycle.${n}: a whole number of months, 1 to 120`);
  }
  const list = Array.isArray(raw.participants) ? raw.participants : [];
  if (list.length === 0) problems.push('participants: at least one');
  const participants: WorkingGroup[] = [];
  const seen = new Set<string>();
  list.forEach((p, i) => {
    const at = `participants[${i}]`;
    if (!isObject(p) || typeof p.key !== 'string' || !KEY_PATTERN.test(p.key)) return problems.push(`${at}.key: lower-case letters, digits and "-"`);
    const here = `participants.${p.key}`;
    if (seen.has(p.key)) problems.push(`${here}: listed twice`);
    seen.add(p.key);
    const own = [...localizedTextProblems(`${here}.name`, p.name, ANY_NAME)];
    if (typeof p.country !== 'string' || !COUNTRY.test(p.country)) own.push(`${here}.country: an ISO 3166-1 alpha-2 code (NL)`);
    if (!(LANGUAGES as readonly string[]).includes(p.language as string)) own.push(`${here}.language: one of ${LANGUAGES.join(', ')}`);
    if (p.size !== undefined && typeof p.size !== 'string') own.push(`${here}.size: a size band's name`);
    const c = isObject(p.coordinator) ? p.coordinator : {};
    if (typeof c.name !== 'string' || !c.name.trim()) own.push(`${here}.coordinator.name: missing`);
    if (typeof c.email !== 'string' || !EMAIL.test(c.email)) own.push(`${here}.coordinator.email: an e-mail address`);
    if (c.timeZone !== undefined && (typeof c.timeZone !== 'string' || !isTimeZone(c.timeZone))) own.push(`${here}.coordinator.timeZone: an IANA time zone`);
    problems.push(...own);
    if (own.length) return;
    participants.push({
      key: p.key,
      programme: key,
      fieldOfAction: p.name as LocalizedText,
      goal: '',
      chair: {
        name: c.name as string,
        email: c.email as string,
        language: p.language as WorkingGroup['chair']['language'],
        ...(c.timeZone ? { timeZone: c.timeZone as string } : {}),
      },
      country: p.country as string,
      ...(p.size ? { size: p.size as string } : {}),
    });
  });
  if (problems.length) return { problems };
  return {
    problems,
    programme: {
      key,
      name: raw.name as LocalizedText,
      participantKind: kind,
      committee: { name: committee.name as LocalizedText, emails: emails as string[] },
      ...(cycle ? { cycle: { ...(cycle as ParticipantProgramme['cycle']) } } : {}),
      participants,
    },
  };
}

/**
 * The programmes one deployment serves: the Pact (config/programmes/pact.yaml, PACT_CONFIG,
 * with its working groups, templates and rhythm) and every other `<key>.yaml` of PROGRAMMES_DIR
 * (the Charter), read once at start. A problem in any file stops the process naming the file and
 * the place, and so does a participant key used by two programmes: a key names one group in
 * tasks, job ids and URLs.
 */
export function loadProgrammes(dir: string, pact: PactConfig): { programmes: Programme[]; others: ParticipantProgramme[] } {
  // <key>.yaml only: <key>.questionnaire.yaml and the like are a programme's other files.
  const { files, problems } = readProgrammeFiles(dir, '.yaml', (f) => /^[a-z][a-z0-9-]*\.yaml$/.test(f) && f !== `${pact.programme}.yaml`);
  const others: ParticipantProgramme[] = [];
  const owner = new Map(pact.workingGroups.map((g) => [g.key, pact.programme]));
  for (const { name: key, path, parsed } of files) {
    const read = programmeOfFile(key, parsed, pact.languages);
    problems.push(...read.problems.map((p) => `${path}: ${p}`));
    if (!read.programme) continue;
    for (const g of read.programme.participants) {
      const other = owner.get(g.key);
      if (other) problems.push(`${path}: participants.${g.key}: the key is a participant of "${other}" already`);
      owner.set(g.key, key);
    }
    others.push(read.programme);
  }
  if (problems.length) throw new Error(`Invalid programmes in ${dir}:\n  ${problems.join('\n  ')}`);
  const pactProgramme: Programme = { key: pact.programme, name: pact.network, participantKind: 'working-group' };
  return { programmes: [pactProgramme, ...others.map(({ key, name, participantKind }) => ({ key, name, participantKind }))], others };
}

/** The programmes served, by key: which exist, what they are called, and the participants their files name. */
@Injectable()
export class ProgrammeCatalog {
  private readonly all: Programme[];
  private readonly others: ParticipantProgramme[];

  constructor(
    settings: EngineSettings,
    @Inject(PACT_CONFIG) private readonly pact: PactConfig,
  ) {
    ({ programmes: this.all, others: this.others } = loadProgrammes(settings.programmesDir, pact));
  }

  list(): Programme[] {
    return [...this.all];
  }

  has(key: string): boolean {
    return this.all.some((p) => p.key === key);
  }

  /** The programme, or 400 naming `path` for an unknown key. */
  known(key: string, path = 'programme'): Programme {
    const p = this.all.find((x) => x.key === key);
    if (!p) throw new InvalidError([{ path, message: `unknown programme "${key}" (one of ${this.all.map((x) => x.key).join(', ')})` }]);
    return p;
  }

  /** The programme whose cycles are report rounds on a template (the Pact); the others' are questionnaire rounds. */
  reportProgramme(): string {
    return this.pact.programme;
  }

  /**
   * How a questionnaire programme's rounds run (its file's `cycle`): the questionnaire asked, a
   * round every `everyMonths` (default 24), answers open `surveyMonths` (default 4). Null for a
   * programme whose cycles are report rounds (the Pact) or that names no questionnaire.
   */
  roundOf(key: string): { questionnaire: string; everyMonths: number; surveyMonths: number } | null {
    const c = this.others.find((x) => x.key === key)?.cycle;
    if (!c?.questionnaire) return null;
    return { questionnaire: c.questionnaire, everyMonths: c.everyMonths ?? 24, surveyMonths: c.surveyMonths ?? 4 };
  }

  /** Every participant the programmes' files name (seeded at start, the Pact's working groups among them). */
  participantsInFiles(): WorkingGroup[] {
    return [...this.pact.workingGroups, ...this.others.flatMap((p) => p.participants)];
  }

  /** A programme's committee addresses and name as its file gives them (the Pact's: its config's). */
  committeeOf(key: string): { name: LocalizedText; emails: string[] } {
    if (key === this.pact.programme) return { name: this.pact.committee.name, emails: this.pact.committee.emails };
    const p = this.others.find((x) => x.key === key);
    if (!p) throw new InvalidError([{ path: 'programme', message: `unknown programme "${key}"` }]);
    return p.committee;
  }
}
