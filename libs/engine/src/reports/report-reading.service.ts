import { Inject, Injectable } from '@nestjs/common';
import { ImplementationReport, reportPart } from '@pact/domain';
import { CycleRepository, ReportVersionRecord, ReportVersionRepository } from '@pact/persistence';
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

  /** The report `reader` may read, or null when none is compiled yet (404 for an unknown cycle). */
  async readable(reader: Reader, cycleId: string, milestoneKey?: string): Promise<ReadableReport | null> {
    // Another programme's cycle answers like an unknown one.
    const cycle = await this.cycles.findById(cycleId);
    if (!cycle || !seesProgramme(reader, cycle.programme)) throw new NotFoundError(`cycle ${cycleId} does not exist`);
    const compiled = await this.compilation.findIfCompiled(cycleId, milestoneKey);
    if (!compiled) return null;
    if (seesAllGroups(reader, cycle.programme) || this.config.reports.draftVisibleToChairs) return { report: compiled.report, scope: 'whole' };
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

  /** As readable, but 404 when no report is compiled yet. */
  async read(reader: Reader, cycleId: string, milestoneKey?: string): Promise<ReadableReport> {
    const found = await this.readable(reader, cycleId, milestoneKey);
    if (!found) throw new NotFoundError(milestoneKey ? `no report compiled yet for milestone "${milestoneKey}"` : 'no report compiled yet for this cycle');
    return found;
  }
}
