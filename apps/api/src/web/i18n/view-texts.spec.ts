import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPageCatalogs } from './page-catalogs';

const ROOT = join(__dirname, '..', '..', '..', 'web');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

describe('texts named by the views', () => {
  it('every literal t(…) key of every view exists in the catalogs (a missing one fails the page at run time)', () => {
    const catalog = loadPageCatalogs(join(ROOT, '..', '..', '..', 'locales')).en;
    const missing: string[] = [];
    let found = 0;
    for (const file of files(join(ROOT, 'views')).filter((f) => f.endsWith('.eta'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9.-]+)'[,)]/g)) {
        found++;
        if (!(m[1] in catalog)) missing.push(`${file.slice(ROOT.length + 1)}: ${m[1]}`);
      }
    }
    expect(found).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
