import type { MilestoneStatus } from '@pact/domain';
import type { FormError } from '../form-errors';
import type { Translator } from '../i18n/translator';

const CYCLE_ID = /^[0-9a-f]{24}$/;
/** A published version's number as a URL holds it (1, 2, …). */
export const REPORT_VERSION = /^[1-9]\d{0,8}$/;

/** What a cycle needs to be compared with: its name, and which of its milestones are compiled. */
interface ComparableCycle {
  id: string;
  name: string;
  milestoneState: Record<string, { status: MilestoneStatus }>;
}

/**
 * What the report page shows around the report, from what the engine read and the URL asked:
 * the cycles it may be compared with (any other with some milestone compiled), the one chosen
 * (`compareWith`: its report of the same milestone when compiled, else its main report; an id
 * not in the list is an error beside the select), the versions of this milestone's report,
 * newest first, and the notice after publishing. Pure, so each branch is a unit test.
 */
export function compiledReportView<C extends ComparableCycle, V extends { milestoneKey: string }>(input: {
  cycleId: string;
  milestoneKey: string;
  cycles: C[];
  versions: V[];
  query: Record<string, unknown>;
  t: Translator['t'];
}) {
  const { t, query } = input;
  const others = input.cycles.filter((c) => c.id !== input.cycleId && Object.values(c.milestoneState).some((s) => s.status === 'compiled'));
  const compare = typeof query.compare === 'string' ? query.compare : '';
  const other = compare && CYCLE_ID.test(compare) ? others.find((c) => c.id === compare) : undefined;
  const errors: FormError[] = compare && !other ? [{ field: 'compare', message: t('report.compareInvalid') }] : [];
  return {
    compare,
    compareOptions: [{ value: '', label: t('report.compareChoose') }, ...others.map((c) => ({ value: c.id, label: c.name }))],
    compareWith: other
      ? { id: other.id, name: other.name, milestoneKey: other.milestoneState[input.milestoneKey]?.status === 'compiled' ? input.milestoneKey : undefined }
      : null,
    errors,
    versions: input.versions.filter((v) => v.milestoneKey === input.milestoneKey).reverse(),
    published:
      typeof query.published === 'string' && REPORT_VERSION.test(query.published) ? { version: Number(query.published), created: query.created === '1' } : null,
  };
}
