import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CYCLE_STATUSES, dayOrMomentOf, KEY_PATTERN } from '@pact/domain';
import type { CreateCycleCommand } from '@pact/engine';
import { PaginationQuery } from '../http/pagination.dto';
import { DayOrMoment, MultiLineText, NestedObject, NestedObjects, SingleLineText } from '../http/validation';

export class MilestoneDto {
  @Matches(KEY_PATTERN, { message: 'key: lowercase letters, digits and dashes, starting with a letter' }) key: string;
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) title: string;
  @IsIn(['progress', 'final']) kind: 'progress' | 'final';
  @IsOptional() @DayOrMoment('start') requestAt?: string;
  @IsOptional() @IsInt() @Min(0) @Max(120) requestMonth?: number;
  @IsOptional() @DayOrMoment('due') dueAt?: string;
  @IsOptional() @IsInt() @Min(0) @Max(120) dueMonth?: number;
  @IsOptional() @IsInt() @Min(1) @Max(3650) dueDaysAfterRequest?: number;
  @IsOptional() @DayOrMoment('start') compileAt?: string;
  @IsOptional() @IsInt() @Min(0) @Max(120) compileMonth?: number;
}

export class EscalationLevelDto {
  @IsInt() @Min(1) @Max(10) level: number;
  @IsInt() @Min(0) @Max(365) daysAfterDue: number;
  @IsIn(['chair', 'committee']) target: 'chair' | 'committee';
}

export class EscalationPolicyDto {
  @NestedObjects(() => EscalationLevelDto) @ArrayMinSize(1) @ArrayMaxSize(10) levels: EscalationLevelDto[];
}

export class CreateCycleDto {
  @IsString() @SingleLineText() @MinLength(1) @MaxLength(200) name: string;
  @DayOrMoment('start') start: string;
  /** The programme whose cycle it is (default the Pact's): its committee starts it, its participants take part. */
  @IsOptional() @Matches(KEY_PATTERN) programme?: string;
  @IsOptional() @IsInt() @Min(1) @Max(120) lengthMonths?: number;
  @IsOptional() @Matches(KEY_PATTERN) templateKey?: string;
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100_000) @IsString({ each: true }) groups?: string[];
  @NestedObjects(() => MilestoneDto, { optional: true }) @ArrayMinSize(1) @ArrayMaxSize(20) milestones?: MilestoneDto[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  reminderDaysBeforeDue?: number[];
  @NestedObject(() => EscalationPolicyDto, { optional: true }) escalation?: EscalationPolicyDto;
}

export class CancelCycleDto {
  @IsOptional() @IsString() @MultiLineText() @MaxLength(2000) reason?: string;
}

export class ListCyclesQuery extends PaginationQuery {
  @IsOptional() @IsIn(CYCLE_STATUSES) status?: (typeof CYCLE_STATUSES)[number];
  /** One programme's cycles only (of those the caller takes part in). */
  @IsOptional() @Matches(KEY_PATTERN) programme?: string;
}

export class ListTasksQuery extends PaginationQuery {
  @IsOptional() @IsIn(['open', 'overdue', 'submitted', 'cancelled']) status?: 'open' | 'overdue' | 'submitted' | 'cancelled';
  @IsOptional() @Matches(KEY_PATTERN) milestone?: string;
  @IsOptional() @Matches(KEY_PATTERN) group?: string;
}

export class ListEventsQuery extends PaginationQuery {
  @IsOptional() @Matches(/^[a-z-]+\.[a-z-]+$/) type?: string;
  @IsOptional() @Matches(KEY_PATTERN) group?: string;
}

export const REPORT_FORMATS = ['json', 'markdown', 'html', 'csv', 'pdf'] as const;

export class ReportQuery {
  @IsOptional() @Matches(KEY_PATTERN) milestone?: string;
  /** Overrides the Accept header. */
  @IsOptional() @IsIn(REPORT_FORMATS) format?: (typeof REPORT_FORMATS)[number];
}

export class PublishReportQuery {
  /** The milestone whose report to publish; default: the final one if compiled, else the latest. */
  @IsOptional() @Matches(KEY_PATTERN) milestone?: string;
}

export class VersionQuery {
  /** Overrides the Accept header. */
  @IsOptional() @IsIn(REPORT_FORMATS) format?: (typeof REPORT_FORMATS)[number];
}

export class CompareQuery {
  @Matches(/^[0-9a-f]{24}$/, { message: 'from: a cycle id' }) from: string;
  @Matches(/^[0-9a-f]{24}$/, { message: 'to: a cycle id' }) to: string;
  @IsOptional() @Matches(KEY_PATTERN) milestone?: string;
}

/** A date the DTO accepted (a day or a timestamp), as the engine takes it. */
const dateOf = (s?: string) => (s === undefined ? undefined : dayOrMomentOf(s)!);

/**
 * The command CycleService.create (and its preview) takes, from a body CreateCycleDto's rules
 * accepted: the one mapping for POST /api/cycles and the "start a cycle" page. Dates become the
 * engine's days or moments; everything else passes as the committee gave it.
 */
export function createCycleCommandOf(dto: CreateCycleDto): CreateCycleCommand {
  return {
    name: dto.name,
    ...(dto.programme ? { programme: dto.programme } : {}),
    start: dateOf(dto.start)!,
    lengthMonths: dto.lengthMonths,
    templateKey: dto.templateKey,
    groups: dto.groups,
    milestones: dto.milestones?.map((m) => ({ ...m, requestAt: dateOf(m.requestAt), dueAt: dateOf(m.dueAt), compileAt: dateOf(m.compileAt) })),
    reminderDaysBeforeDue: dto.reminderDaysBeforeDue,
    escalation: dto.escalation ? { levels: dto.escalation.levels.map((l) => ({ ...l })) } : undefined,
  };
}
