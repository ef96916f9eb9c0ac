import { catalogProblems } from '../../texts/catalogs';
import { LANGUAGES } from '../../texts/languages';
import { inLanguage } from '../../texts/localized-text';
import { reportCatalogProblems } from '../../reports/render/report-words';
import { networkInput } from '../../testing/network-report-fixture';
import { shippedCatalogs } from '../../testing/shipped-texts';
import { compileNetworkReport } from '../network-report-compiler';
import { networkReportToCsv } from './network-csv';
import { levelLooks, networkReportBodyHtml, networkReportToHtml } from './network-html';
import { networkReportToMarkdown } from './network-markdown';
import { networkWordsIn } from './network-words';

const CATALOGS = shippedCatalogs('reports');
const words = (lang: string) => networkWordsIn(CATALOGS, lang);
const readable = (lang = 'en', withPrevious = true) => inLanguage(compileNetworkReport(networkInput(withPrevious)), lang);
const html = (lang = 'en', withPrevious = true) => networkReportToHtml(readable(lang, withPrevious), { words: words(lang) });

/** The relative luminance and contrast ratio of WCAG 2 for #rrggbb colours. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('network report: HTML', () => {
  it('draws each distribution as a stacked horizontal bar in SVG with role="img" and its text alternative', () => {
    const page = html();
    // 2 roles + 2 policy commitments + 1 services commitment + 2 countries + 2 size bands.
    const bars = [...page.matchAll(/<svg class="stacked-bar" role="img" aria-label="([^"]*)"/g)].map((m) => m[1]);
    expect(bars).toHaveLength(9);
    expect(bars).toContain('Communicate: Fully 1 (33%), Partly 1 (33%), Not yet 1 (33%), Not applicable 0; mean score 2.');
    expect(bars).toContain('Needs: Fully 1 (50%), Partly 1 (50%), Not yet 0 (0%), Not applicable 1; mean score 2.5.');
    expect(bars).toContain('Policy: Fully 2 (33%), Partly 3 (50%), Not yet 1 (17%), Not applicable 0; mean score 2.17.');
    // The same text is the SVG's title (a tooltip for pointer users).
    expect(page).toContain('<title>Communicate: Fully 1 (33%), Partly 1 (33%), Not yet 1 (33%), Not applicable 0; mean score 2.</title>');
  });

  it('gives each level given a segment as wide as its count, labelled with it, and none to a level nobody chose', () => {
    const bar = html().match(/<svg class="stacked-bar" role="img" aria-label="Access:.*?<\/svg>/)![0];
    // access: fully 1, partly 2 of 3 ratings on a 400 wide bar.
    expect([...bar.matchAll(/data-level="([^"]+)"><rect x="([\d.]+)" y="0" width="([\d.]+)"/g)].map((m) => [m[1], m[2], m[3]])).toEqual([
      ['fully', '0.0', '133.3'],
      ['partly', '133.3', '266.7'],
    ]);
    expect([...bar.matchAll(/fill="#fff">(\d+)<\/text>/g)].map((m) => m[1])).toEqual(['1', '2']);
  });

  it('follows each chart with the table that says the same in numbers, with row and column headers', () => {
    const page = html();
    // Each table scrolls on its own on a narrow screen, in a region a keyboard can reach.
    expect(page).toContain(
      '<div class="table-scroll" role="region" tabindex="0" aria-label="Ratings of the commitments of the role Policy, in numbers"><table class="distribution"><caption>Ratings of the commitments of the role Policy, in numbers</caption>',
    );
    expect(page).toContain(
      '<thead><tr><th scope="col">Commitment</th><th scope="col">Fully</th><th scope="col">Partly</th><th scope="col">Not yet</th><th scope="col">Not applicable</th><th scope="col">Mean score</th></tr></thead>',
    );
    expect(page).toContain('<tr><th scope="row">Communicate</th><td>1 (33%)</td><td>1 (33%)</td><td>1 (33%)</td><td>0</td><td>2</td></tr>');
    expect(page).toContain('<tr><th scope="row">Access</th><td>1 (33%)</td><td>2 (67%)</td><td>0 (0%)</td><td>0</td><td>2.33</td></tr>');
    // Peer groups: the mean per commitment by country (DE: aachen and bonn; FR: caen).
    expect(page).toContain('<figcaption>Ratings of all commitments by country</figcaption>');
    expect(page).toContain('<caption>Mean score per commitment by country</caption>');
    expect(page).toContain('<tr><th scope="row">Communicate</th><td>2.5</td><td>1</td></tr>');
    expect(page).toContain('<tr><th scope="row">small (under 300,000)</th><td>2 of 2</td></tr>');
  });

  it('colours levels with at least 4.5:1 against white, each with a pattern of its own, so colour is never the only cue', () => {
    const looks = levelLooks(readable().levels);
    for (const look of looks) expect(contrast(look.fill, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(new Set(looks.map((l) => l.marks)).size).toBe(looks.length);
    // The legend names each level next to its swatch.
    expect(html()).toMatch(/<div class="legend"><span>Levels:<\/span> <ul><li><svg class="swatch" aria-hidden="true".*?<\/svg> Fully<\/li>/);
  });

  it('says participation, change per commitment and per city in words (arrows only repeat them), and good practices under each of their trends', () => {
    const page = html();
    expect(page).toContain('3 of 5 signatory cities took part (60%). Declined: 1, of which 1 said why. No answer: 1.');
    expect(page).toContain('Compared with Charter round 2024 (2024): 2 of the cities that took part now took part then too.');
    expect(page).toContain('<tr><th scope="row">Communicate</th><td>1</td><td>1</td><td>0</td><td>1</td><td>0</td></tr>');
    expect(page).toContain(
      '<tr class="direction-up"><td>Aix-la-Chapelle</td>'.replace('Aix-la-Chapelle', 'Aachen') +
        '<td>Communicate</td><td>Partly</td><td>Fully</td><td>↑ up</td></tr>',
    );
    const trendTwo = page.match(/<section class="trend" data-trend="t2">.*?<\/section>/)![0];
    expect(trendTwo).toContain('<b>Welcome desk</b> (<a href="#city-aachen">Aachen</a>)');
    expect(trendTwo).toContain('<b>Mentors</b> (<a href="#city-bonn">Bonn</a>) Peer mentors | for newcomers');
    expect(page).toMatch(/data-trend="t3"><h3>Trend three<\/h3><p>None reported\.<\/p>/);
  });

  it('profiles each city, linking only web addresses and escaping what cities wrote', () => {
    const input = networkInput();
    const aachen = {
      ...input.answers.aachen!,
      'communicate-evidence': { links: ['https://aachen.example/campaign', 'javascript:alert(1)'], files: ['file-1'] },
    };
    const page = networkReportToHtml(inLanguage(compileNetworkReport({ ...input, answers: { ...input.answers, aachen } }), 'en'), { words: words('en') });
    const city = page.match(/<section class="city" id="city-aachen">.*?<\/section>/s)![0];
    expect(city).toContain(
      '<a href="https://aachen.example/campaign" rel="noopener noreferrer">https://aachen.example/campaign</a><br>Files with the submission: 1',
    );
    expect(city).not.toContain('javascript:');
    expect(city).toContain('A campaign &lt;script&gt;alert(1)&lt;/script&gt;\nin every district');
    expect(city).toContain('<li>Events (events): baseline 2, target 10, actual 6.5 (higher is better)</li>');
    expect(city).toContain('<td>Partly (up)</td>');
    expect(page).toMatch(
      /<section class="city" id="city-dijon"><h3>Dijon<\/h3><p class="city-facts">Country: FR · Size band: medium \(300,000 to 1 million\) · declined<\/p><p>Did not take part in this round\.<\/p>/,
    );
    expect(page).not.toContain('<script');
  });

  it('needs neither script nor inline style (the pages’ Content-Security-Policy), and every id in it is unique', () => {
    const body = networkReportBodyHtml(readable(), words('en'));
    expect(body).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    const ids = [...html().matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    expect(new Set(ids).size).toBe(ids.length);
    // Every pattern a bar fills with is defined in the page.
    for (const [, ref] of html().matchAll(/fill="url\(#([^)]+)\)"/g)) expect(ids).toContain(ref);
  });

  it('is a standalone page in the reader’s language, with a published version named under its title', () => {
    const page = networkReportToHtml(readable('de'), { words: words('de'), edition: { version: 2, publishedAt: '2026-11-30T10:00:00Z' } });
    expect(page.startsWith('<!doctype html>\n<html lang="de">')).toBe(true);
    expect(page).toContain(
      '<h1>Charter round 2026 (de): Netzwerkbericht</h1><p>Zeitraum: 2026</p><p class="edition">Veröffentlichte Fassung 2, 2026-11-30</p>',
    );
    // German writes a decimal comma.
    expect(page).toContain('<tr><th scope="row">Access (de)</th><td>1 (33\u00a0%)</td><td>2 (67\u00a0%)</td><td>0 (0\u00a0%)</td><td>0</td><td>2,33</td></tr>');
  });

  it('says so when there is no previous round', () => {
    expect(html('fr', false)).toContain('<p>Il n&#39;y a pas d&#39;édition précédente à laquelle comparer.</p>');
  });
});

describe('network report: CSV', () => {
  it('has a header and one row per city that took part and commitment, quoting what needs it', () => {
    const rows = networkReportToCsv(readable(), words('en')).split('\r\n');
    expect(rows).toEqual([
      'city,country,size,role,commitment,level,score,previous_level',
      'Aachen,DE,small,policy,communicate,fully,3,partly',
      'Aachen,DE,small,policy,access,partly,2,partly',
      'Aachen,DE,small,services,needs,not-applicable,,partly',
      'Bonn,DE,medium,policy,communicate,partly,2,fully',
      'Bonn,DE,medium,policy,access,partly,2,not-applicable',
      'Bonn,DE,medium,services,needs,fully,3,fully',
      '"Caen, ""Calvados""",FR,small,policy,communicate,not-yet,1,',
      '"Caen, ""Calvados""",FR,small,policy,access,fully,3,',
      '"Caen, ""Calvados""",FR,small,services,needs,partly,2,',
      '',
    ]);
  });

  it('names its columns in the reader’s language and the city as the reader’s language names it', () => {
    const rows = networkReportToCsv(readable('fr'), words('fr')).split('\r\n');
    expect(rows[0]).toBe('ville,pays,taille,rôle,engagement,niveau,note,niveau_précédent');
    expect(rows[1]).toBe('Aix-la-Chapelle,DE,small,policy,communicate,fully,3,partly');
  });
});

describe('network report: Markdown', () => {
  it('writes each chart as its table, the change, the profiles and the good practices, escaping what people wrote', () => {
    const text = networkReportToMarkdown(readable(), { words: words('en') });
    expect(text).toContain('## Participation\n\n3 of 5 signatory cities took part (60%). Declined: 1, of which 1 said why. No answer: 1.');
    expect(text).toContain('| Communicate | 1 (33%) | 1 (33%) | 1 (33%) | 0 | 0 | 2 |');
    expect(text).toContain('| Policy | 2 (33%) | 3 (50%) | 1 (17%) | 0 | 0 | 2.17 |');
    expect(text).toContain('| Aachen | Communicate | Partly | Fully | up |');
    expect(text).toContain('| DE (2 of 3) | 2 (40%) | 3 (60%) | 0 (0%) | 1 | 0 | 2.4 |');
    expect(text).toContain('| small (under 300,000) (2 of 2) | 2 (40%) | 2 (40%) | 1 (20%) | 1 | 0 | 2.2 |');
    expect(text).toContain('| Communicate | Fully | Partly (up) | A campaign &lt;script&gt;alert\\(1\\)&lt;/script&gt; in every district |');
    expect(text).toContain('- **Mentors** (Bonn): Peer mentors \\| for newcomers');
    expect(text).toContain('### Caen, "Calvados"');
    expect(text).not.toContain('<script');
  });
});

describe('network report: words', () => {
  it('are complete in English, German and French (the start-up check passes)', () => {
    expect(catalogProblems(CATALOGS)).toEqual([]);
    expect(reportCatalogProblems(CATALOGS)).toEqual([]);
    for (const lang of LANGUAGES) {
      const w = words(lang);
      expect(w.lang).toBe(lang);
      expect(Object.keys(CATALOGS[lang]).filter((k) => k.startsWith('network.')).length).toBe(
        Object.keys(CATALOGS.en).filter((k) => k.startsWith('network.')).length,
      );
    }
  });

  it('makes the start-up check name a network text English lacks', () => {
    const en = Object.fromEntries(Object.entries(CATALOGS.en).filter(([k]) => k !== 'network.chartText'));
    expect(reportCatalogProblems({ ...CATALOGS, en })).toEqual(['reports.yaml (en): the text "network.chartText" is missing']);
  });

  it('reads a language it does not ship in English, and names a size band the catalog does not know by its key', () => {
    expect(networkWordsIn(CATALOGS, 'it').lang).toBe('en');
    expect(words('en').sizeName('metropolitan')).toBe('metropolitan');
  });
});
