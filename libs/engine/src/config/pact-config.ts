import { plainToInstance, Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  validateSync,
  ValidationError,
} from 'class-validator';
import { DEFAULT_LIMITS, DEFAULT_TIME_ZONE, END_OF_DAY, isTimeZone, TimeOfDay, timeOfDayOf, KEY_PATTERN, MEASURE_STATUSES, ReportTemplate, SUPPORTED_LANGUAGES, WorkingGroup } from '@pact/domain';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export class ChairConfig {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() email: string;
  @IsIn(SUPPORTED_LANGUAGES) language: (typeof SUPPORTED_LANGUAGES)[number];
  @IsOptional() @IsString() timeZone?: string;
}

export class WorkingGroupConfig {
  @Matches(KEY_PATTERN) key: string;
  @IsString() @MinLength(1) fieldOfAction: string;
  @IsOptional() @IsString() goal?: string;
  @ValidateNested() @Type(() => ChairConfig) chair: ChairConfig;
}

export class IndicatorConfig {
  @Matches(KEY_PATTERN) key: string;
  @IsString() @MinLength(1) name: string;
  @IsString() @MinLength(1) unit: string;
  @IsOptional() @IsBoolean() higherIsBetter?: boolean;
}

export class LimitsConfig {
  @IsInt() @Min(1) @Max(10000) maxMeasures: number;
  @IsInt() @Min(1) @Max(10000) maxIndicators: number;
  @IsInt() @Min(1) @Max(10000) maxItemsPerList: number;
  @IsInt() @Min(10) @Max(100000) maxTextLength: number;
}

export class TemplateConfig {
  @Matches(KEY_PATTERN) key: string;
  @IsString() name: string;
  @IsOptional() @IsBoolean() allowCustomIndicators?: boolean;
  @IsOptional() @ValidateNested() @Type(() => LimitsConfig) limits?: LimitsConfig;
  @IsOptional() @IsObject() indicatorsByGroup?: Record<string, IndicatorConfig[]>;
}

export class CommitteeConfig {
  @IsString() name: string;
  @IsEmail({}, { each: true }) @ArrayMinSize(1) emails: string[];
  /** Language and time zone of the committee's messages (escalation summaries, compiled reports). */
  @IsOptional() @IsIn(SUPPORTED_LANGUAGES) language?: (typeof SUPPORTED_LANGUAGES)[number];
  @IsOptional() @IsString() timeZone?: string;
}

/** Who reads a compiled report before the committee publishes it. */
export class ReportsConfig {
  /** true: every chair reads the whole compiled report; false (default): a chair reads their own group's part until a version is published. */
  @IsOptional() @IsBoolean() draftVisibleToChairs?: boolean;
}

/** Dates typed as days (a cycle's start, due dates): see libs/domain/src/clock/calendar-day.ts. */
export class DeadlinesConfig {
  /** When a due date typed as a day falls due, on the clock of the person it is due from: `HH:MM` or `HH:MM:SS`; default 23:59:59. */
  @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'dueTimeOfDay: HH:MM or HH:MM:SS' }) dueTimeOfDay?: string;
  /** The programme's time zone: where a cycle's days (its start, the plan's dates) are; default the committee's. */
  @IsOptional() @IsString() timeZone?: string;
}

export class PactConfigFile {
  @IsString() network: string;
  @ValidateNested() @Type(() => CommitteeConfig) committee: CommitteeConfig;
  @Matches(KEY_PATTERN) defaultTemplate: string;
  @ValidateNested({ each: true }) @Type(() => WorkingGroupConfig) @ArrayMinSize(1) workingGroups: WorkingGroupConfig[];
  @ValidateNested({ each: true }) @Type(() => TemplateConfig) @ArrayMinSize(1) @ArrayUnique((t: TemplateConfig) => t.key) templates: TemplateConfig[];
  @IsOptional() @ValidateNested() @Type(() => ReportsConfig) reports?: ReportsConfig;
  @IsOptional() @ValidateNested() @Type(() => DeadlinesConfig) deadlines?: DeadlinesConfig;
}

export interface PactConfig {
  network: string;
  committee: { name: string; emails: string[]; language: string; timeZone: string };
  defaultTemplate: string;
  workingGroups: WorkingGroup[];
  templates: ReportTemplate[];
  reports: { draftVisibleToChairs: boolean };
  /** The programme's time zone (a cycle's plan typed in days) and the time of day a due date typed as a day falls due. */
  deadlines: { timeZone: string; dueTime: TimeOfDay };
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((m) => `${path}: ${m}`);
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/** Reads and validates config/pact.yaml (or the file PACT_CONFIG names). Throws naming every problem. */
export function loadPactConfig(path: string): PactConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the Pact configuration ${path}: ${(err as Error).message}`);
  }
  const file = plainToInstance(PactConfigFile, raw);
  const problems = flatten(validateSync(file));
  const keys = new Set<string>();
  for (const g of file.workingGroups ?? []) {
    if (g.chair?.timeZone && !isTimeZone(g.chair.timeZone)) problems.push(`workingGroups.${g.key}.chair.timeZone: ${g.chair.timeZone} is not an IANA time zone`);
    if (keys.has(g.key)) problems.push(`workingGroups: duplicate key ${g.key}`);
    keys.add(g.key);
  }
  for (const t of file.templates ?? []) {
    for (const [group, defs] of Object.entries(t.indicatorsByGroup ?? {})) {
      if (!keys.has(group)) problems.push(`templates.${t.key}.indicatorsByGroup: unknown working group ${group}`);
      const list = plainToInstance(IndicatorConfig, (defs ?? []) as object[]);
      list.forEach((d, i) => problems.push(...flatten(validateSync(d), `templates.${t.key}.indicatorsByGroup.${group}[${i}]`)));
    }
  }
  if (file.committee?.timeZone && !isTimeZone(file.committee.timeZone)) problems.push(`committee.timeZone: ${file.committee.timeZone} is not an IANA time zone`);
  if (file.deadlines?.timeZone && !isTimeZone(file.deadlines.timeZone)) problems.push(`deadlines.timeZone: ${file.deadlines.timeZone} is not an IANA time zone`);
  if (file.templates && !file.templates.some((t) => t.key === file.defaultTemplate)) {
    problems.push(`defaultTemplate: no template with key ${file.defaultTemplate}`);
  }
  if (problems.length) throw new Error(`Invalid Pact configuration ${path}:\n  ${problems.join('\n  ')}`);

  return {
    network: file.network,
    committee: {
      name: file.committee.name,
      emails: file.committee.emails,
      language: file.committee.language ?? 'en',
      timeZone: file.committee.timeZone ?? DEFAULT_TIME_ZONE,
    },
    defaultTemplate: file.defaultTemplate,
    reports: { draftVisibleToChairs: file.reports?.draftVisibleToChairs ?? false },
    deadlines: {
      timeZone: file.deadlines?.timeZone ?? file.committee.timeZone ?? DEFAULT_TIME_ZONE,
      dueTime: (file.deadlines?.dueTimeOfDay && timeOfDayOf(file.deadlines.dueTimeOfDay)) || END_OF_DAY,
    },
    workingGroups: file.workingGroups.map((g) => ({ key: g.key, fieldOfAction: g.fieldOfAction, goal: g.goal ?? '', chair: { ...g.chair } })),
    templates: file.templates.map((t) => ({
      key: t.key,
      name: t.name,
      measureStatuses: MEASURE_STATUSES,
      allowCustomIndicators: t.allowCustomIndicators ?? false,
      limits: t.limits ? { ...t.limits } : DEFAULT_LIMITS,
      indicatorsByGroup: Object.fromEntries(
        Object.entries(t.indicatorsByGroup ?? {}).map(([g, defs]) => [
          g,
          (defs ?? []).map((d) => ({ key: d.key, name: d.name, unit: d.unit, higherIsBetter: d.higherIsBetter ?? true })),
        ]),
      ),
    })),
  };
}
