import { csvField } from '../../reports/render/escape';
import type { ReadableNetworkReport } from './network-html';
import type { NetworkWords } from './network-words';

const line = (fields: unknown[]) => fields.map(csvField).join(',');

/**
 * One row per city that took part and commitment, for spreadsheet users: the city's name in the
 * reader's language, its country and size band, then role, commitment, level, score and the
 * previous round's level. The header is in the reader's language; role, commitment and levels are
 * keys (the same in every language, for formulas); an empty level: no rating, an empty previous
 * level: none then (or no previous round).
 */
export function networkReportToCsv(r: ReadableNetworkReport, w: NetworkWords): string {
  const rows = [line(w.csvColumns)];
  for (const city of r.cities)
    for (const x of city.ratings) rows.push(line([city.name, city.country, city.size, x.role, x.commitment, x.level, x.score, x.previousLevel]));
  return rows.join('\r\n') + '\r\n';
}
