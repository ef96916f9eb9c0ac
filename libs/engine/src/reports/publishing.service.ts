import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Clock } from '@pact/domain';
import { CLOCK, eventKeys, textIn } from '@pact/domain';
import { EventRepository, ReportVersionRecord, ReportVersionRepository, ReportVersionSummary } from '@pact/persistence';

import { createHash } from 'node:crypto';
import { CompilationService } from './compilation.service';
import { ConflictError, NotFoundError } from '../errors';

export interface Publication {
  version: ReportVersionSummary;
  /** False when the same content had been published already: that version is returned. */
  created: boolean;
}

const summary = ({ json: _json, ...rest }: ReportVersionRecord): ReportVersionSummary => rest;

/**
 * Freezes a compiled report as a numbered version (1, 2, … per cycle). A version is the report's
 * JSON text as it was (a questionnaire round's: its network report, `kind: 'network'`), inserted once and never updated, so it reads back byte for byte however
 * the live report changes later. No transaction is needed: the unique indexes on (cycle, number)
 * and (cycle, milestone, content hash) make concurrent publications either take the next number
 * or find the version that already holds the same content.
 */
@Injectable()
export class ReportPublishingService {
  private readonly logger = new Logger(ReportPublishingService.name);

  constructor(
    private readonly compilation: CompilationService,
    private readonly versions: ReportVersionRepository,
    private readonly events: EventRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(cycleId: string, milestoneKey: string | undefined, actor: string): Promise<Publication> {
    let record = await this.compilation.findIfCompiled(cycleId, milestoneKey);
    if (!record) {
      throw new ConflictError(
        milestoneKey
          ? `there is no compiled report for milestone "${milestoneKey}" to publish yet`
          : 'this cycle has no compiled report to publish yet; it is compiled when every group has submitted or at the compile date',
      );
    }
    if ((record.lateRevisions ?? 0) > (record.lateRevisionsCompiled ?? 0)) {
      // A late revision whose recompilation has not run yet: run it now (the same guarded path
      // the worker's job takes, so whichever comes second finds nothing left to do).
      await this.compilation.compile(cycleId, record.milestoneKey);
      record = (await this.compilation.findIfCompiled(cycleId, record.milestoneKey))!;
    }

    // A questionnaire round publishes its network report (what its readers read); its coverage stays the committee's.
    const json = JSON.stringify(record.network ?? record.report);
    const sha256 = createHash('sha256').update(json).digest('hex');
    for (let attempt = 0; attempt < 10; attempt++) {
      const same = await this.versions.findByContent(cycleId, record.milestoneKey, sha256);
      if (same) {
        await this.recordEvent(same); // a no-op unless the first publication died before its event
        return { version: same, created: false };
      }
      const inserted = await this.versions.insert({
        cycleId,
        milestoneKey: record.milestoneKey,
        milestoneTitle: record.report.milestoneTitle,
        version: (await this.versions.highestNumber(cycleId)) + 1,
        compiledAt: record.compiledAt,
        publishedAt: this.clock.now(),
        publishedBy: actor,
        sha256,
        ...(record.network ? { kind: 'network' as const } : {}),
        json,
      });
      if (inserted) {
        await this.recordEvent(inserted);
        this.logger.log(`${record.report.cycleName}: ${textIn(record.report.milestoneTitle, 'en')} published as version ${inserted.version} by ${actor}`);
        return { version: summary(inserted), created: true };
      }
      // The number was taken by a concurrent publication (or it published this same content): look again.
    }
    throw new ConflictError('the report was being published concurrently; retry');
  }

  private async recordEvent(v: ReportVersionSummary): Promise<void> {
    await this.events.append({
      type: 'report.published',
      at: v.publishedAt,
      actor: v.publishedBy,
      cycleId: v.cycleId,
      dedupeKey: eventKeys.reportPublished(v.cycleId, v.version),
      data: { milestoneKey: v.milestoneKey, version: v.version, sha256: v.sha256, compiledAt: v.compiledAt },
    });
  }

  async list(cycleId: string): Promise<ReportVersionSummary[]> {
    await this.compilation.findIfCompiled(cycleId); // 404 for an unknown cycle
    return this.versions.list(cycleId);
  }

  async get(cycleId: string, version: number): Promise<ReportVersionRecord> {
    await this.compilation.findIfCompiled(cycleId);
    const found = await this.versions.find(cycleId, version);
    if (!found) throw new NotFoundError(`version ${version} of this cycle's report has not been published`);
    return found;
  }
}
