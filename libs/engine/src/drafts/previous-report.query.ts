import type { LocalizedText } from '@pact/domain';
import { Injectable } from '@nestjs/common';
import { SubmissionContent } from '@pact/domain';
import { CycleRecord, CycleRepository, SubmissionRepository, TaskRecord, TaskRepository } from '@pact/persistence';

/** A group's report in an earlier cycle, for the same kind of milestone. */
export interface PreviousReport {
  cycleId: string;
  cycleName: string;
  milestoneKey: string;
  milestoneTitle: LocalizedText;
  revision: number;
  submittedAt: Date;
  content: SubmissionContent;
}

/** How many earlier cycles are looked through for the group's last report of a kind. */
const CYCLES_LOOKED_AT = 20;

/**
 * The group's report of the previous cycle's milestone of the same kind (a final report for a
 * final report): its latest revision there, so the chair can start this cycle's report from it.
 * Cancelled cycles and milestones the group did not report on are passed over.
 */
@Injectable()
export class PreviousReportQuery {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly tasks: TaskRepository,
    private readonly submissions: SubmissionRepository,
  ) {}

  async find(task: TaskRecord, cycle: CycleRecord): Promise<PreviousReport | null> {
    const kind = cycle.milestones.find((m) => m.key === task.milestoneKey)?.kind;
    if (!kind) return null;
    const earlier = (await this.cycles.listStartedBefore(cycle.start, CYCLES_LOOKED_AT)).filter((c) => c.id !== cycle.id && c.status !== 'cancelled');
    for (const c of earlier) {
      // The latest milestone of that kind in the cycle first (a cycle may have two progress reports).
      const milestones = c.milestones.filter((m) => m.kind === kind).sort((a, b) => new Date(b.dueAt).getTime() - new Date(a.dueAt).getTime());
      for (const m of milestones) {
        const [theirs] = await this.tasks.list({ cycleId: c.id, milestoneKey: m.key, groupKeys: [task.groupKey] }, 1, 0);
        if (!theirs?.latestRevision) continue;
        const revision = await this.submissions.findRevision(theirs.id, theirs.latestRevision);
        // A revision of answers (a questionnaire round) is no report to start from.
        if (!revision?.content) continue;
        return {
          cycleId: c.id,
          cycleName: c.name,
          milestoneKey: m.key,
          milestoneTitle: m.title,
          revision: revision.revision,
          submittedAt: revision.submittedAt,
          content: revision.content,
        };
      }
    }
    return null;
  }
}
