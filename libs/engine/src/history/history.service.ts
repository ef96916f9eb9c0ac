import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  Answers,
  answersOfHistoric,
  Clock,
  CLOCK,
  HistoricCycle,
  historicCycles,
  HistoryProblem,
  historySchemeOf,
  isCommitteeOf,
  Observation,
  observationsOfHistory,
  periodOf,
  Questionnaire,
  readHistoryRows,
  seesProgramme,
} from '@pact/domain';
import {
  ClearedObservation,
  EventRepository,
  HistoricCycleContent,
  HistoricCycleRepository,
  HistoricYear,
  HistoryImportRecord,
  HistoryImportRepository,
} from '@pact/persistence';
import { randomBytes } from 'node:crypto';
import { EngineSettings } from '../config/settings';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError, TooLargeError } from '../errors';
import type { Principal } from '../identity/identity.service';
import { IndicatorCatalog } from '../indicators/indicator-catalog';
import { ObservationService } from '../observations/observation.service';
import { ProgrammeCatalog } from '../programmes/programme-catalog';
import { QuestionnaireCatalog } from '../questionnaires/questionnaire-catalog';
import { WorkingGroupService } from '../working-groups/working-group.service';
import { readHistoryTable } from './history-file';
import { FIRST_HISTORY_YEAR } from './history-scheme-file';

/** The largest history file read (5 MB): the sample, five cycles of 52 cities, is about 200 kB. */
export const HISTORY_MAX_BYTES = 5 * 1024 * 1024;

/** A history file that breaks the rules: every problem by row and column (docs/guide/history-import.md). Nothing was stored. */
export class HistoryFileProblemsError extends InvalidError {
  constructor(readonly rowProblems: HistoryProblem[]) {
    super(rowProblems.map((p) => ({ path: `row ${p.row}, ${p.column}`, message: `${p.message} [${p.rule}]` })));
  }
}

/** Who imports: a person (the programme's committee, or an operator), or the command line acting as an operator. */
export type HistoryImporter = Pick<Principal, 'actor' | 'roles' | 'committeeOf'>;
/** Who reads: as for any of a programme's data. */
export type HistoryReader = Pick<Principal, 'roles' | 'programmes'>;

export interface HistoryImportOptions {
  /** Replace years already stored (otherwise importing a year that exists is a conflict naming it). */
  replace?: boolean;
}

/** What an import did. */
export interface HistoryImportSummary {
  importId: string;
  programme: string;
  answers: number;
  years: { year: number; participants: number; answers: number; replaced: boolean }[];
  observations: number;
}

/**
 * Past cycles of a programme, imported from a history file (CSV or XLSX) as read-only historic
 * cycles, so a city's trend starts at its first cycle (2013 for the Charter) and a round's
 * network report can compare with the cycle before it even when that ran before this engine.
 *
 * An import is all or nothing. The whole file is checked first (every problem by row and
 * column); then, as MongoDB and FerretDB have no multi-document transactions, in steps that a
 * crash can interrupt at any point without leaving half an import visible:
 * 1. the import's record is inserted (state `staging`): the intent;
 * 2. each year's content is staged on its document (HistoricCycleRepository.stage), beside the
 *    cycle that stands if the import replaces it; readers see only what stands;
 * 3. the record moves to `committing`: from here the import is done, whatever happens;
 * 4. each year's staged content becomes the one that stands, the observations are recorded,
 *    the event appended, and the record moves to `done`.
 * A process that dies before 3 leaves an import the sweep undoes (the staged contents are
 * dropped); after 3, one the sweep finishes (every step of 4 may run twice).
 */
@Injectable()
export class HistoryService {
  private readonly logger = new Logger(HistoryService.name);

  constructor(
    private readonly cycles: HistoricCycleRepository,
    private readonly imports: HistoryImportRepository,
    private readonly events: EventRepository,
    private readonly observations: ObservationService,
    private readonly indicators: IndicatorCatalog,
    private readonly programmes: ProgrammeCatalog,
    private readonly questionnaires: QuestionnaireCatalog,
    private readonly groups: WorkingGroupService,
    private readonly settings: EngineSettings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Imports a history file (its bytes) into `programme`: only its committee and operators may.
   * 400 for an unknown programme or an unreadable file, HistoryFileProblemsError (every problem by
   * row and column) for a file that breaks a rule, 409 for a year already stored unless
   * `opts.replace`, or one another import is writing: in every case nothing is stored.
   */
  async import(programme: string, bytes: Uint8Array, by: HistoryImporter, opts: HistoryImportOptions = {}): Promise<HistoryImportSummary> {
    this.programmes.known(programme);
    if (!by.roles.includes('operator') && !isCommitteeOf(by, programme))
      throw new ForbiddenError(`only the committee of the programme "${programme}" (or an operator) imports its history`);
    if (bytes.byteLength > HISTORY_MAX_BYTES) throw new TooLargeError(`file: larger than the limit of ${HISTORY_MAX_BYTES} bytes`);
    const questionnaire = this.questionnaireOf(programme);
    const table = await readHistoryTable(bytes);
    const participants = (await this.groups.list(programme)).map((g) => ({ key: g.key, name: g.fieldOfAction }));
    const scheme = historySchemeOf(questionnaire, participants, { from: FIRST_HISTORY_YEAR, to: this.clock.now().getUTCFullYear() });
    const read = readHistoryRows(table, scheme);
    if (read.problems) throw new HistoryFileProblemsError(read.problems);
    if (read.rows.length === 0) throw InvalidError.fromMessages(['file: holds a header but no answer']);
    const cycles = historicCycles(read.rows);
    const years = cycles.map((c) => c.year);

    const existing = await this.cycles.findYears(programme, years);
    const busy = existing.filter((c) => c.staged !== null).map((c) => c.year);
    if (busy.length) throw new ConflictError(`another import is writing ${listOf(busy)} of "${programme}": try again in a minute`);
    const stored = existing.filter((c) => c.current !== null);
    if (stored.length && !opts.replace)
      throw new ConflictError(
        `${listOf(stored.map((c) => c.year))} of "${programme}" ${stored.length === 1 ? 'is' : 'are'} imported already: import ${stored.length === 1 ? 'it' : 'them'} again with replace (replace=true in the API, --replace on the command line) to take the place of what is stored, or leave ${stored.length === 1 ? 'that year' : 'those years'} out of the file`,
      );

    const at = this.clock.now();
    const record: HistoryImportRecord = {
      id: randomBytes(12).toString('hex'),
      programme,
      years,
      replace: opts.replace === true,
      by: by.actor,
      at,
      state: 'staging',
      changedAt: new Date(),
      cleared: this.cleared(programme, questionnaire, cycles, stored),
      answers: read.rows.length,
    };
    await this.imports.insert(record);
    const staged: number[] = [];
    for (const c of cycles) {
      const content: HistoricCycleContent = {
        importId: record.id,
        importedAt: at,
        importedBy: by.actor,
        participants: c.participations.length,
        answers: c.participations.reduce((n, p) => n + p.answers.length, 0),
        participations: c.participations.map((p) => ({ participantKey: p.participantKey, answers: p.answers.map((a) => ({ ...a })) })),
      };
      if (await this.cycles.stage(programme, c.year, content, record.replace)) {
        staged.push(c.year);
        continue;
      }
      // Another import took the year since it was read: this one is undone, nothing of it stands.
      await this.undo(record);
      throw new ConflictError(`another import stored or is writing ${c.year} of "${programme}" meanwhile: nothing was imported; try again`);
    }
    if (!(await this.imports.move(record.id, 'staging', 'committing', new Date()))) {
      // The sweep undid it (this process stalled past the grace period): what was staged since goes too, nothing stands.
      for (const year of staged) await this.cycles.unstage(programme, year, record.id);
      throw new ConflictError(`the import of "${programme}" took too long and was undone: nothing was imported; try again`);
    }
    const observations = await this.finish({ ...record, state: 'committing' });
    const replacedYears = new Set(stored.map((c) => c.year));
    return {
      importId: record.id,
      programme,
      answers: read.rows.length,
      years: cycles.map((c) => ({
        year: c.year,
        participants: c.participations.length,
        answers: c.participations.reduce((n, p) => n + p.answers.length, 0),
        replaced: replacedYears.has(c.year),
      })),
      observations,
    };
  }

  /** The programme's historic years, newest first, as `reader` may read them (another programme's: not found). */
  async listFor(reader: HistoryReader, programme: string): Promise<HistoricYear[]> {
    this.programmes.known(programme);
    if (!seesProgramme(reader, programme)) throw new NotFoundError(`no programme "${programme}" that you may read`);
    return this.list(programme);
  }

  /** The programme's historic years, newest first, without their answers. */
  async list(programme: string): Promise<HistoricYear[]> {
    return this.cycles.listYears(programme);
  }

  /**
   * The newest historic cycle of `programme` strictly before `year`, each participant's answers
   * as answers to the programme's questionnaire (answersOfHistoric: rating key → level key, the
   * text as the commitment's `<commitment>-measures` text, `take-part` true); null when none.
   * What a round's network report compares with when the round before it ran outside the engine.
   */
  async latestBefore(programme: string, year: number): Promise<{ year: number; answers: Record<string, Answers> } | null> {
    const found = await this.cycles.latestBefore(programme, year);
    if (!found?.current) return null;
    const questionnaire = this.questionnaireOf(programme);
    return {
      year: found.year,
      answers: Object.fromEntries(found.current.participations.map((p) => [p.participantKey, answersOfHistoric(questionnaire, p)])),
    };
  }

  /**
   * Finishes or undoes imports a process left part-way (FollowUpSweeper, through the reconciler):
   * once an import has not moved for the grace period, one `committing` is finished, one
   * `staging` undone. Returns how many it handled.
   */
  async sweep(): Promise<number> {
    let done = 0;
    for (const record of await this.imports.unfinished()) {
      if (Date.now() - new Date(record.changedAt).getTime() < this.settings.followUpGraceMs) continue;
      if (record.state === 'committing') await this.finish(record);
      else await this.undo(record);
      this.logger.warn(
        `history import ${record.id} of ${record.programme} (${record.years.join(', ')}) left ${record.state}: ${record.state === 'committing' ? 'finished' : 'undone'}`,
      );
      done++;
    }
    return done;
  }

  /** Step 4 of an import past its commit point: each step by key and safe to repeat. Returns how many observations it recorded. */
  private async finish(record: HistoryImportRecord): Promise<number> {
    const questionnaire = this.questionnaireOf(record.programme);
    for (const year of record.years) await this.cycles.commit(record.programme, year, record.id);
    const catalog = this.indicators.of(record.programme);
    let recorded = 0;
    if (catalog) {
      const mine = (await this.cycles.findYears(record.programme, record.years)).filter((c) => c.current?.importId === record.id);
      const observations: Observation[] = mine.flatMap((c) =>
        observationsOfHistory(
          questionnaire,
          { kind: 'historic', year: c.year, participations: c.current!.participations },
          catalog,
          c.current!.importedAt,
          record.by,
        ),
      );
      // What the replaced years said and this file no longer does: withdrawn (a value of null), as a revision withdraws one.
      const provenance = { kind: 'import' as const, importedAt: record.at, importedBy: record.by };
      for (const o of record.cleared)
        observations.push({
          programme: record.programme,
          indicator: o.indicator,
          participant: o.participant,
          period: periodOf.year(o.year),
          value: null,
          provenance,
        });
      await this.observations.record(observations);
      recorded = observations.length;
    }
    await this.events.append({
      type: 'history.imported',
      at: record.at,
      actor: record.by,
      data: { programme: record.programme, importId: record.id, years: record.years, answers: record.answers, replace: record.replace },
      dedupeKey: `history-imported-${record.id}`,
    });
    await this.imports.move(record.id, 'committing', 'done', new Date());
    return recorded;
  }

  /** Drops what an import staged (the cycles that stood stay) and marks it undone. */
  private async undo(record: HistoryImportRecord): Promise<void> {
    for (const year of record.years) await this.cycles.unstage(record.programme, year, record.id);
    await this.imports.move(record.id, 'staging', 'undone', new Date());
  }

  /** The observations the stored years gave and the new file does not (a participant or commitment left out): they are withdrawn on commit. */
  private cleared(
    programme: string,
    questionnaire: Questionnaire,
    cycles: readonly HistoricCycle[],
    stored: { year: number; current: HistoricCycleContent | null }[],
  ): ClearedObservation[] {
    const catalog = this.indicators.of(programme);
    if (!catalog || !stored.length) return [];
    const key = (o: { participant: string; indicator: string; year: number }) => `${o.year}\u0000${o.participant}\u0000${o.indicator}`;
    const now = new Set(cycles.flatMap((c) => observationsOfHistory(questionnaire, c, catalog, new Date(0)).map((o) => key({ ...o, year: c.year }))));
    return stored.flatMap((s) =>
      observationsOfHistory(questionnaire, { kind: 'historic', year: s.year, participations: s.current!.participations }, catalog, new Date(0))
        .map((o) => ({ participant: o.participant, indicator: o.indicator, year: s.year }))
        .filter((o) => !now.has(key(o))),
    );
  }

  /** The questionnaire a programme's cycles ask, which a history file answers; 400 for a programme without one (the Pact). */
  private questionnaireOf(programme: string): Questionnaire {
    const key = this.programmes.roundOf(programme)?.questionnaire;
    if (!key) throw InvalidError.fromMessages([`programme: "${programme}" has no questionnaire, so no history file can be imported into it`]);
    return this.questionnaires.get(key);
  }
}

const listOf = (years: number[]) => (years.length === 1 ? `the year ${years[0]}` : `the years ${years.join(', ')}`);
