import { Inject, Injectable } from '@nestjs/common';
import { ImplementationReport, isQuestionnaireRound, NetworkReport, reportPart } from '@pact/domain';
import { CycleRecord, CycleRepository, ReportVersionRecord, ReportVersionRepository } from '@pact/persistence';
import { PACT_CONFIG } from '../config/config.module';
import type { PactConfig } from '../config/pact-config';
import { NotFoundError } from '../errors';
import type { Principal } from '../identity/identity.service';
import { seesAllGroups, seesProgramme } from '@pact/domain';
import { CompilationService } from './compilation.service';

/** A report as one person may read it, and which report that is. */
export interface ReadableReport {
  report: ImplementationReport;
  /**
   * `whole`: the compiled report (the committee, operators, and chairs where the programme opens
   * the draft to them); `published`: the latest version the committee published (a chair);
   * `part`: the chair's own groups' part of the compiled report, while nothing is published.
   */
  scope: 'whole' | 'published' | 'part';
  /** The version read, when `scope` is `published`: its frozen JSON and edition. */
  version?: ReportVersionRecord;
}

/** A questionnaire round's network report as one person may read it. */
export interface ReadableNetwork {
  network: NetworkReport;
  /** `whole`: the compiled network report (the programme's committee, operators); `published`: the latest published version (a coordinator). */
  scope: 'whole' | 'published';
  /** The version read, when `scope` is `published`. */
  version?: ReportVersionRecord;
  milestoneKey: string;
  compiledAt: Date;
  /** Who answered on time, late or not at all: for those who read the whole report only. */
  coverage?: ImplementationReport;
}

/** What a cycle's report is to `reader`: a round's network report, or an implementation report (the Pact's). */
export type ReadableAny = ({ kind: 'network' } & ReadableNetwork) | ({ kind: 'implementation' } & ReadableReport);

/**
 * Who reads which report: one rule for the API and the pages (least privilege). Before the
 * committee publishes a milestone's report, a chair reads their own group's part only (the other
 * groups' texts are not theirs to read yet); once published, the latest published version, as
 * everyone outside the committee would. `reports.draftVisibleToChairs` in the programme's
 * configuration opens the compiled report to every chair instead.
 */
/** Who reads: their roles, committees, groups and programmes. */
type Reader = Pick<Principal, 'roles' | 'committeeOf' | 'groupKeys' | 'programmes'>;

@Injectable()
export class ReportReadingService {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly compilation: CompilationService,
    private readonly versions: ReportVersionRepository,
    @Inject(PACT_CONFIG) private readonly config: PactConfig,
  ) {}

  /** The cycle, when `reader` may know of it: another programme's cycle answers like an unknown one. */
  private async cycleFor(reader: Reader, cycleId: string): Promise<CycleRecord> {
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle || !seesProgramme(reader, cycle.programme)) throw new NotFoundError(`cycle ${cycleId} does not exist`);
    return cycle;
  }

  /**
   * The report `reader` may read, or null when none is compiled yet (404 for an unknown cycle).
   * Of a questionnaire round this is its coverage (who answered when): whole for the committee and
   * operators, the reader's own cities' part for a coordinator (a round's published versions are
   * network reports, read through readableNetwork).
   */
  async readable(reader: Reader, cycleId: string, milestoneKey?: string): Promise<ReadableReport | null> {
    const cycle = await this.cycleFor(reader, cycleId);
    const compiled = await this.compilation.findIfCompiled(cycleId, milestoneKey);
    if (!compiled) return null;
    const round = isQuestionnaireRound(cycle);
    if (seesAllGroups(reader, cycle.programme) || (!round && this.config.reports.draftVisibleToChairs)) return { report: compiled.report, scope: 'whole' };
    if (round) return { report: reportPart(compiled.report, reader.groupKeys), scope: 'part' };
    const latest = await this.versions.latestOf(cycleId, compiled.milestoneKey);
    const version = latest && (await this.versions.find(cycleId, latest.version));
    if (version) return { report: JSON.parse(version.json) as ImplementationReport, scope: 'published', version };
    return { report: reportPart(compiled.report, reader.groupKeys), scope: 'part' };
  }

  /**
   * Two reports to compare, as `reader` may read them, cut alike: a chair's part of one against
   * another's published whole would show every other group as appearing or vanishing. When the
   * two differ in scope, both are cut to the reader's groups.
   */
  async readPair(
    reader: Reader,
    a: { cycleId: string; milestoneKey?: string },
    b: { cycleId: string; milestoneKey?: string },
  ): Promise<[ReadableReport, ReadableReport]> {
    const [x, y] = await Promise.all([this.read(reader, a.cycleId, a.milestoneKey), this.read(reader, b.cycleId, b.milestoneKey)]);
    // Whoever sees all groups reads both whole: their scopes are alike.
    if (x.scope === y.scope) return [x, y];
    const cut = (r: ReadableReport): ReadableReport => ({ report: reportPart(r.report, reader.groupKeys), scope: 'part' });
    return [cut(x), cut(y)];
  }

  /**
   * A questionnaire round's network report as `reader` may read it, or null when there is none for
   * them yet (not compiled; for a coordinator, not published) or the cycle is not a round. The
   * programme's committee and operators read the compiled report. A coordinator reads the latest
   * published version, and nothing before it: every number of the report (distributions, peer
   * groups, change, good practices) is made of other cities' self-evaluations, which the committee
   * has not released yet, and cannot be cut to one city as a Pact report is cut to a chair's group;
   * their own answers they read in their task. The Pact's `reports.draftVisibleToChairs` is the
   * Pact's setting (pact.yaml) and does not open a round's report.
   */
  async readableNetwork(reader: Reader, cycleId: string, milestoneKey?: string): Promise<ReadableNetwork | null> {
    const cycle = await this.cycleFor(reader, cycleId);
    if (!isQuestionnaireRound(cycle)) return null;
    const compiled = await this.compilation.findIfCompiled(cycleId, milestoneKey);
    if (!compiled?.network) return null;
    if (seesAllGroups(reader, cycle.programme)) {
      return { network: compiled.network, scope: 'whole', milestoneKey: compiled.milestoneKey, compiledAt: compiled.compiledAt, coverage: compiled.report };
    }
    const latest = await this.versions.latestOf(cycleId, compiled.milestoneKey);
    const version = latest?.kind === 'network' ? await this.versions.find(cycleId, latest.version) : null;
    if (!version) return null;
    return {
      network: JSON.parse(version.json) as NetworkReport,
      scope: 'published',
      version,
      milestoneKey: version.milestoneKey,
      compiledAt: version.compiledAt,
    };
  }

  /**
   * The report of a cycle as `reader` reads it: a round's network report (readableNetwork), any
   * other cycle's implementation report (read). 404 when there is none for them yet.
   */
  async readAny(reader: Reader, cycleId: string, milestoneKey?: string): Promise<ReadableAny> {
    const cycle = await this.cycleFor(reader, cycleId);
    if (!isQuestionnaireRound(cycle)) return { kind: 'implementation', ...(await this.read(reader, cycleId, milestoneKey)) };
    const found = await this.readableNetwork(reader, cycleId, milestoneKey);
    if (found) return { kind: 'network', ...found };
    if (seesAllGroups(reader, cycle.programme)) {
      throw new NotFoundError(milestoneKey ? `no report compiled yet for milestone "${milestoneKey}"` : 'no report compiled yet for this cycle');
    }
    throw new NotFoundError("this round's network report is read by its cities once the committee publishes it; nothing is published yet");
  }

  /** As readable, but 404 when no report is compiled yet. */
  async read(reader: Reader, cycleId: string, milestoneKey?: string): Promise<ReadableReport> {
    const found = await this.readable(reader, cycleId, milestoneKey);
    if (!found) throw new NotFoundError(milestoneKey ? `no report compiled yet for milestone "${milestoneKey}"` : 'no report compiled yet for this cycle');
    return found;
  }
}
