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
import {
  DEFAULT_LIMITS,
  DEFAULT_TEXT_LANGUAGES,
  DEFAULT_TIME_ZONE,
  defaultMilestones,
  END_OF_DAY,
  isTimeZone,
  KEY_PATTERN,
  LocalizedText,
  localizedTextProblems,
  MEASURE_STATUSES,
  MilestoneInput,
  ReportTemplate,
  LANGUAGES,
  TextLanguages,
  TimeOfDay,
  timeOfDayOf,
  WorkingGroup,
  SINGLE_NETWORK_PROGRAMME,
} from '@pact/domain';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

export class ChairConfig {
  @IsString() @MinLength(1) @MaxLength(200) name: string;
  @IsEmail() email: string;
  @IsIn(LANGUAGES) language: (typeof LANGUAGES)[number];
  @IsOptional() @IsString() timeZone?: string;
}

export class WorkingGroupConfig {
  @Matches(KEY_PATTERN) key: string;
  // Texts people read (a string, or one per language) are checked by localizedTextProblems below.
  fieldOfAction: LocalizedText;
  goal?: LocalizedText;
  @ValidateNested() @Type(() => ChairConfig) chair: ChairConfig;
}

export class IndicatorConfig {
  @Matches(KEY_PATTERN) key: string;
  name: LocalizedText;
  unit: LocalizedText;
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
  name: LocalizedText;
  @IsOptional() @IsBoolean() allowCustomIndicators?: boolean;
  @IsOptional() @ValidateNested() @Type(() => LimitsConfig) limits?: LimitsConfig;
  @IsOptional() @IsObject() indicatorsByGroup?: Record<string, IndicatorConfig[]>;
}

export class CommitteeConfig {
  name: LocalizedText;
  @IsEmail({}, { each: true }) @ArrayMinSize(1) emails: string[];
  /** Language and time zone of the committee's messages (escalation summaries, compiled reports). */
  @IsOptional() @IsIn(LANGUAGES) language?: (typeof LANGUAGES)[number];
  @IsOptional() @IsString() timeZone?: string;
}

/** Who reads a compiled report before the committee publishes it. */
export class ReportsConfig {
  /** true: every chair reads the whole compiled report; false (default): a chair reads their own group's part until a version is published. */
  @IsOptional() @IsBoolean() draftVisibleToChairs?: boolean;
}

/** Which languages the configuration's texts are written in (see TextLanguages). */
export class LanguagesConfig {
  @IsOptional() @IsIn(LANGUAGES) fallback?: (typeof LANGUAGES)[number];
  @IsOptional() @IsIn(LANGUAGES, { each: true }) @ArrayUnique() required?: (typeof LANGUAGES)[number][];
}

/** One milestone of the programme's rhythm, as the start-cycle form and POST /api/cycles offer it. */
export class MilestoneConfig {
  @Matches(KEY_PATTERN) key: string;
  title: LocalizedText;
  @IsIn(['progress', 'final']) kind: 'progress' | 'final';
  @IsOptional() @IsInt() @Min(0) @Max(120) requestMonth?: number;
  @IsOptional() @IsInt() @Min(0) @Max(120) dueMonth?: number;
  @IsOptional() @IsInt() @Min(1) @Max(365) dueDaysAfterRequest?: number;
  @IsOptional() @IsInt() @Min(0) @Max(120) compileMonth?: number;
}

/** Dates typed as days (a cycle's start, due dates): see libs/domain/src/clock/calendar-day.ts. */
export class DeadlinesConfig {
  /** When a due date typed as a day falls due, on the clock of the person it is due from: `HH:MM` or `HH:MM:SS`; default 23:59:59. */
  @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, { message: 'dueTimeOfDay: HH:MM or HH:MM:SS' }) dueTimeOfDay?: string;
  /** The programme's time zone: where a cycle's days (its start, the plan's dates) are; default the committee's. */
  @IsOptional() @IsString() timeZone?: string;
}

export class PactConfigFile {
  /** The programme's key (its records carry it); default `pact`. */
  @IsOptional() @Matches(KEY_PATTERN) programme?: string;
  @IsOptional() @ValidateNested() @Type(() => LanguagesConfig) languages?: LanguagesConfig;
  network: LocalizedText;
  @ValidateNested() @Type(() => CommitteeConfig) committee: CommitteeConfig;
  @Matches(KEY_PATTERN) defaultTemplate: string;
  @ValidateNested({ each: true }) @Type(() => WorkingGroupConfig) @ArrayMinSize(1) workingGroups: WorkingGroupConfig[];
  @ValidateNested({ each: true }) @Type(() => TemplateConfig) @ArrayMinSize(1) @ArrayUnique((t: TemplateConfig) => t.key) templates: TemplateConfig[];
  @IsOptional() @ValidateNested() @Type(() => ReportsConfig) reports?: ReportsConfig;
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => MilestoneConfig)
  @ArrayMinSize(1)
  @ArrayUnique((m: MilestoneConfig) => m.key)
  milestones?: MilestoneConfig[];
  @IsOptional() @ValidateNested() @Type(() => DeadlinesConfig) deadlines?: DeadlinesConfig;
}

export interface PactConfig {
  /** The Pact's key as a programme (`Programme`): stored on its cycles, tasks and working groups. */
  programme: string;
  languages: TextLanguages;
  network: LocalizedText;
  committee: { name: LocalizedText; emails: string[]; language: string; timeZone: string };
  /** The programme's rhythm: the milestones a cycle has unless the committee describes others. */
  milestones: MilestoneInput[];
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

/** Reads and validates config/programmes/pact.yaml (or the file PACT_CONFIG names). Throws naming every problem. */
export function loadPactConfig(path: string): PactConfig {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`Cannot read the Pact configuration ${path}: ${(err as Error).message}`, { cause: err });
  }
  const file = plainToInstance(PactConfigFile, raw);
  const problems = flatten(validateSync(file));
  const languages: TextLanguages = {
    fallback: file.languages?.fallback ?? DEFAULT_TEXT_LANGUAGES.fallback,
    required: file.languages?.required ?? [file.languages?.fallback ?? DEFAULT_TEXT_LANGUAGES.fallback],
  };
  // Every text people read: a string (the fallback language's) or one per language, with each
  // language the configuration requires.
  const text = (path: string, value: unknown, optional = false) => {
    if (optional && (value === undefined || value === null)) return;
    problems.push(...localizedTextProblems(path, value, languages));
  };
  text('network', file.network);
  text('committee.name', file.committee?.name);
  (file.milestones ?? []).forEach((m, i) => text(`milestones[${i}].title`, m.title));
  const keys = new Set<string>();
  for (const g of file.workingGroups ?? []) {
    text(`workingGroups.${g.key}.fieldOfAction`, g.fieldOfAction);
    text(`workingGroups.${g.key}.goal`, g.goal, true);
    if (g.chair?.timeZone && !isTimeZone(g.chair.timeZone))
      problems.push(`workingGroups.${g.key}.chair.timeZone: ${g.chair.timeZone} is not an IANA time zone`);
    if (keys.has(g.key)) problems.push(`workingGroups: duplicate key ${g.key}`);
    keys.add(g.key);
  }
  for (const t of file.templates ?? []) {
    text(`templates.${t.key}.name`, t.name);
    for (const [group, defs] of Object.entries(t.indicatorsByGroup ?? {})) {
      if (!keys.has(group)) problems.push(`templates.${t.key}.indicatorsByGroup: unknown working group ${group}`);
      const list = plainToInstance(IndicatorConfig, (defs ?? []) as object[]);
      list.forEach((d, i) => {
        const at = `templates.${t.key}.indicatorsByGroup.${group}[${i}]`;
        problems.push(...flatten(validateSync(d), at));
        text(`${at}.name`, d.name);
        text(`${at}.unit`, d.unit);
      });
    }
  }
  if (file.committee?.timeZone && !isTimeZone(file.committee.timeZone))
    problems.push(`committee.timeZone: ${file.committee.timeZone} is not an IANA time zone`);
  if (file.deadlines?.timeZone && !isTimeZone(file.deadlines.timeZone))
    problems.push(`deadlines.timeZone: ${file.deadlines.timeZone} is not an IANA time zone`);
  if (file.templates && !file.templates.some((t) => t.key === file.defaultTemplate)) {
    problems.push(`defaultTemplate: no template with key ${file.defaultTemplate}`);
  }
  if (problems.length) throw new Error(`Invalid Pact configuration ${path}:\n  ${problems.join('\n  ')}`);

  const programme = file.programme ?? SINGLE_NETWORK_PROGRAMME;
  return {
    programme,
    languages,
    network: file.network,
    milestones: file.milestones?.map((m) => ({ ...m })) ?? defaultMilestones(),
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
    workingGroups: file.workingGroups.map((g) => ({ key: g.key, programme, fieldOfAction: g.fieldOfAction, goal: g.goal ?? '', chair: { ...g.chair } })),
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
