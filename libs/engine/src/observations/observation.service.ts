import { Injectable } from '@nestjs/common';
import {
  Indicator,
  Observation,
  ObservedValue,
  observationsOfAnswers,
  observationsOfReport,
  Questionnaire,
  peersOf,
  Period,
  periodOf,
  Provenance,
  seesAllGroups,
  seriesOf,
} from '@pact/domain';
import { ObservationPeriodRepository, ObservationSeriesRepository, SubmissionRecord, TaskRecord } from '@pact/persistence';
import { NotFoundError } from '../errors';
import type { Principal } from '../identity/identity.service';
import { IndicatorCatalog } from '../indicators/indicator-catalog';

/** A participant's series for one indicator: the periods with a value, oldest first. */
export interface SeriesView {
  programme: string;
  indicator: Indicator;
  participant: string;
  values: (ObservedValue & { value: number })[];
}

/** Every participant's value for one indicator in one period, and their median. */
export interface PeersView {
  programme: string;
  indicator: Indicator;
  period: Period | null;
  values: { participant: string; value: number; provenance: Provenance }[];
  median: number | null;
}

/**
 * Observations: every accepted value of a catalogue indicator (a Pact report's actual value, a
 * city's rating), stored as a participant's series and as its period's values (both by key,
 * ObservationSeriesRepository and ObservationPeriodRepository), so a trend or a peer comparison
 * is one read, not a re-read of every report.
 */
@Injectable()
export class ObservationService {
  constructor(
    private readonly catalog: IndicatorCatalog,
    private readonly series: ObservationSeriesRepository,
    private readonly periods: ObservationPeriodRepository,
  ) {}

  /**
   * A revision's observations, as one of its follow-ups (SubmissionService.followUp, under the
   * revision's key in the task's outbox, which stays owed until every follow-up is done: a crash
   * between the revision and this leaves the key for the sweep, which runs it again). Safe to
   * repeat and to run out of order: each value is stored under its revision's number and the
   * latest stands. The task names the programme (its catalogue). Returns how many were recorded.
   */
  async recordRevision(task: TaskRecord, submission: SubmissionRecord, questionnaire?: Questionnaire): Promise<number> {
    const catalog = this.catalog.of(task.programme);
    if (!catalog) return 0;
    const source = {
      catalog,
      participant: task.groupKey,
      // The milestone's due date as planned: an extension moves a task's deadline, not its period.
      period: periodOf.milestone(task.cycleId, task.milestoneKey, task.originalDueAt),
      provenance: {
        kind: 'revision' as const,
        taskId: task.id,
        revision: submission.revision,
        submittedAt: submission.submittedAt,
        submittedBy: submission.submittedBy,
      },
    };
    // A report's indicators, or a questionnaire round's answers read against the questionnaire the round asked.
    const observations = submission.content
      ? observationsOfReport(submission.content, source)
      : submission.answers && questionnaire
        ? observationsOfAnswers(questionnaire, submission.answers, source)
        : [];
    await this.record(observations);
    return observations.length;
  }

  /** Stores observations made elsewhere (a history import: provenance "import"), idempotently: the series first, then the periods. */
  async record(observations: Observation[]): Promise<void> {
    if (!observations.length) return;
    await this.series.record(observations);
    await this.periods.record(observations);
  }

  /** A participant's series for an indicator of the programme (NotFoundError for an indicator not in its catalogue), by key. */
  async seriesOf(programme: string, code: string, participant: string): Promise<SeriesView> {
    const indicator = this.catalog.indicator(programme, code);
    const found = await this.series.find(programme, code, participant);
    return { programme, indicator, participant, values: seriesOf(found?.values ?? []) };
  }

  /**
   * A series as `principal` may read it, as the reports are read: the committee and operators
   * any participant's, a chair their own group's only (another's is "not found", as its tasks are).
   */
  async seriesFor(principal: Principal, programme: string, code: string, participant: string): Promise<SeriesView> {
    // The committee of the programme and operators: any participant's; a chair: their own group's.
    const readsAll = seesAllGroups(principal, programme);
    if (!readsAll && !principal.groupKeys.includes(participant)) throw new NotFoundError(`no series of "${code}" for ${participant} that you may read`);
    return this.seriesOf(programme, code, participant);
  }

  /** As peersOf, for `principal`: the committee of the programme and operators only (another programme's: not found). */
  async peersFor(principal: Principal, programme: string, code: string, period: string): Promise<PeersView> {
    if (!seesAllGroups(principal, programme)) throw new NotFoundError(`no peers of "${code}" in programme "${programme}" that you may read`);
    return this.peersOf(programme, code, period);
  }

  /** Every participant's value for an indicator of the programme in one period, by key. */
  async peersOf(programme: string, code: string, period: string): Promise<PeersView> {
    const indicator = this.catalog.indicator(programme, code);
    const found = await this.periods.find(programme, code, period);
    return { programme, indicator, period: found?.period ?? null, ...peersOf(found?.values ?? []) };
  }
}
