import type { LocalizedText } from '../texts/localized-text';

/** The fixed scale on which a measure's implementation status is reported. */
export const MEASURE_STATUSES = ['not-started', 'planned', 'in-progress', 'implemented', 'discontinued'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export interface IndicatorDefinition {
  key: string;
  name: LocalizedText;
  unit: LocalizedText;
  /** Whether a higher actual value is better (true) or a lower one (false). */
  higherIsBetter: boolean;
}

/**
 * What a report contains. Indicators may be predefined per working group (so that the
 * compiled report can compare like with like across groups and cycles); groups may also
 * report their own indicators when `allowCustomIndicators` is set.
 */
export interface ReportTemplate {
  key: string;
  name: LocalizedText;
  measureStatuses: readonly MeasureStatus[];
  indicatorsByGroup: Record<string, IndicatorDefinition[]>;
  allowCustomIndicators: boolean;
  limits: TemplateLimits;
}

/** The group's predefined indicators in the template, in the template's order (none for a group the template does not name). */
export function predefinedIndicators(template: ReportTemplate, groupKey: string): IndicatorDefinition[] {
  return template.indicatorsByGroup[groupKey] ?? [];
}

export interface TemplateLimits {
  maxMeasures: number;
  maxIndicators: number;
  maxItemsPerList: number;
  maxTextLength: number;
}

export const DEFAULT_LIMITS: TemplateLimits = {
  maxMeasures: 100,
  maxIndicators: 100,
  maxItemsPerList: 50,
  maxTextLength: 4000,
};
