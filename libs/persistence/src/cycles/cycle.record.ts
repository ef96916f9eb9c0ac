import type { CyclePlan, CycleStatus, MilestoneStatus, Questionnaire, ReportTemplate } from '@pact/domain';

export interface MilestoneState {
  status: MilestoneStatus;
  requestedAt?: Date;
  compiledAt?: Date;
  /**
   * Revisions stored for this milestone so far, counted after each revision's task update. A
   * compilation notes the count before it reads; a higher count at the moment it marks the
   * milestone compiled means revisions it may have missed, so a recompilation is owed.
   */
  revisions?: number;
  /**
   * The groups that have submitted a revision for this milestone, added by the same atomic
   * update that counts a revision (a set: counting again adds nothing). With the cycle's
   * `groupKeys` it tells, by key, whether every task of the milestone is in.
   */
  submittedGroups?: string[];
  /**
   * Set when the milestone is requested: every submission since is in `submittedGroups`. Absent
   * on milestones requested before the set was kept, whose tasks are counted instead.
   */
  keepsSubmittedGroups?: boolean;
}

/** A stored cycle: its resolved plan, plus who takes part and how far it has got. */
export interface CycleRecord extends CyclePlan {
  id: string;
  name: string;
  /** The programme it belongs to (`Programme`): its committee runs it, its participants take part. */
  programme: string;
  status: CycleStatus;
  groupKeys: string[];
  /** A report round's template (the Pact's), snapshotted at start; absent on a questionnaire round. */
  template?: ReportTemplate;
  /** A questionnaire round's questionnaire (the Charter's self-evaluation), snapshotted at start: `isQuestionnaireRound`. */
  questionnaire?: Questionnaire;
  milestoneState: Record<string, MilestoneState>;
  createdAt: Date;
  createdBy?: string;
  /** Started with an idempotency key: a hash of the request, so a replay with another body is told apart. */
  startRequest?: string;
  cancelledAt?: Date;
  cancelledBy?: string;
  cancelReason?: string;
  completedAt?: Date;
  /** Keys of effects on the cycle whose follow-ups (events, notifications) are still owed. */
  outbox?: string[];
}
