import type { ContentProblem } from '../submissions/submission-content';
import type { Questionnaire } from './questionnaire';

/** The definition as one canonical text (keys sorted, left-out settings absent), so two equal definitions compare equal however they were written. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Whether two definitions ask exactly the same (same key, version, texts, questions and settings). */
export function sameQuestionnaire(a: Questionnaire, b: Questionnaire): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Whether a definition may be stored beside the versions cycles already use (`inUse`, of any
 * key): a version a cycle uses is immutable, so the same key and version must be the very same
 * definition, and a changed one needs a version above every one in use. This is what keeps a
 * running cycle's questions, and the answers given to them, meaning what they meant.
 */
export function versionProblems(inUse: readonly Questionnaire[], candidate: Questionnaire): Pick<ContentProblem, 'path' | 'message'>[] {
  const used = inUse.filter((q) => q.key === candidate.key);
  const same = used.find((q) => q.version === candidate.version);
  if (same)
    return sameQuestionnaire(same, candidate)
      ? []
      : [
          {
            path: 'version',
            message: `version ${candidate.version} of "${candidate.key}" is used by a cycle and cannot change; give the change a new version (${nextVersion(used)})`,
          },
        ];
  const next = nextVersion(used);
  return candidate.version >= next ? [] : [{ path: 'version', message: `must be ${next} or above: a cycle uses version ${next - 1} of "${candidate.key}"` }];
}

const nextVersion = (used: readonly Questionnaire[]): number => Math.max(0, ...used.map((q) => q.version)) + 1;
