import type { Answers } from '../questionnaires/questionnaire';
import type { NetworkReport } from './network-report';
import { CHARTER_QUESTION_KEYS } from './network-report-compiler';

/**
 * The answers a compiled network report stands for, as much as "change since the previous
 * round" reads of them: whether each city took part, and its rating per commitment. So the next
 * round compares with the report as it was compiled (one document read) rather than re-reading
 * every revision of the round before. A city that said nothing has no answers.
 */
export function answersOfNetworkReport(report: NetworkReport, takePart: string = CHARTER_QUESTION_KEYS.takePart): Record<string, Answers> {
  const out: Record<string, Answers> = {};
  for (const city of report.cities) {
    if (city.status === 'no-answer') continue;
    const answers: Answers = { [takePart]: city.status === 'took-part' };
    for (const r of city.ratings) if (r.level !== null) answers[r.commitment] = r.level;
    out[city.key] = answers;
  }
  return out;
}
