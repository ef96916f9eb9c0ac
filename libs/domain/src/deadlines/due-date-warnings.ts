import { addDays } from '../clock/calendar';

/**
 * What a new due date close to the milestone's compilation means, said before and after it is
 * set (the one rule; the engine does not wait for late reports): the milestone is compiled on its
 * date with the reports in by then. A report that comes in after that is missing from the compiled
 * report and is added by a recompilation when it arrives (a late revision). A due date later than
 * the compilation is refused (newDueDateProblems); one within COMPILATION_MARGIN_DAYS of it leaves
 * the chair's last hours after the compilation, so it is allowed with this warning.
 */
export const COMPILATION_MARGIN_DAYS = 1;

export interface DueDateWarning {
  code: 'compiled-without-report';
  /** When the milestone is compiled. */
  compileAt: Date;
  /** In English, for machines and logs (pages say it in the reader's language by the code). */
  message: string;
}

export function dueDateWarnings(dueAt: Date, compileAt: Date): DueDateWarning[] {
  if (dueAt.getTime() <= addDays(compileAt, -COMPILATION_MARGIN_DAYS).getTime()) return [];
  return [
    {
      code: 'compiled-without-report',
      compileAt,
      message: `the milestone is compiled at ${compileAt.toISOString()}, less than ${COMPILATION_MARGIN_DAYS} day after this due date: if the report is not in by then, it is compiled without it, and compiled again with it when it comes in`,
    },
  ];
}
