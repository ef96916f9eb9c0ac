import type { MilestoneInput } from '../cycles/cycle-plan';
import type { Questionnaire } from './questionnaire';

/** The milestone key of a questionnaire round's one milestone (its tasks, timers and report are keyed by it). */
export const SURVEY_MILESTONE = 'survey';

/**
 * A questionnaire round's plan (the Charter's self-evaluation): one milestone, asked at the
 * round's start, due `surveyMonths` later (about four months, December to April in 2014/15), its
 * network report compiled a month after that, so that the late answers a survey always gets are
 * in it. Reminders, escalation and extensions work as in a report round.
 */
export function surveyMilestones(surveyMonths: number): MilestoneInput[] {
  return [
    {
      key: SURVEY_MILESTONE,
      title: { en: 'Self-evaluation', de: 'Selbstevaluation', fr: 'Auto-évaluation' },
      kind: 'final',
      requestMonth: 0,
      dueMonth: surveyMonths,
      compileMonth: surveyMonths + 1,
    },
  ];
}

/**
 * Whether a cycle is a questionnaire round: it carries the questionnaire it started with (a
 * snapshot, so a new version never changes it) and its participants answer it; a report round
 * carries a report template instead. The one test every layer asks.
 */
export function isQuestionnaireRound<C extends { questionnaire?: Questionnaire }>(cycle: C): cycle is C & { questionnaire: Questionnaire } {
  return cycle.questionnaire !== undefined;
}
