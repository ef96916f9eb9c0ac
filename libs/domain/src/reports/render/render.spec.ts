import { inLanguage } from '../../texts/localized-text';
import { ReportCompiler } from '../report-compiler';
import { csvField, escapeHtml } from './escape';
import { reportToCsv } from './report-csv';
import { reportBodyHtml, reportToHtml } from './report-html';
import { reportToMarkdown } from './report-markdown';
import type { MeasureStatus } from '../../templates/report-template';
import { shippedReportWords } from '../../testing/shipped-texts';

const EN = shippedReportWords('en');

function report() {
  const c = new ReportCompiler({
    cycleId: 'c1',
    cycleName: 'Pact 2030',
    milestoneKey: 'final',
    milestoneTitle: 'Implementation report',
    milestoneKind: 'final',
    dueAt: new Date('2030-06-01T00:00:00Z'),
    compiledAt: new Date('2030-07-01T00:00:00Z'),
  });
  c.add({
    groupKey: 'education',
    fieldOfAction: 'Education | schools',
    status: 'submitted',
    late: false,
    escalationLevel: 0,
    extended: false,
    content: {
      measures: [{ title: '<script>alert(1)</script>', status: 'implemented' }],
      indicators: [{ key: 'k', name: 'Courses, "new"', unit: 'courses', baseline: 0, target: 10, actual: 5 }],
      goodPractices: ['=HYPERLINK("http://x")'],
      obstacles: [],
      recommendations: [],
    },
  });
  c.add({ groupKey: 'sport', fieldOfAction: 'Sport', status: 'overdue', late: false, escalationLevel: 2, extended: false });
  return c.result();
}

describe('report renderers', () => {
  it('never lets a chair’s text become markup, a formula or a broken table', () => {
    expect(escapeHtml('<a href="x">\'&')).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-5')).toBe('-5');
    expect(csvField('a,"b"')).toBe('"a,""b"""');
    const html = reportToHtml(inLanguage(report(), 'en'), { words: EN });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    const md = reportToMarkdown(inLanguage(report(), 'en'), { words: EN });
    expect(md).toContain('Education \\| schools');
  });

  it('CSV: a header and one row per item, plus one per missing group', () => {
    const rows = reportToCsv(inLanguage(report(), 'en'), EN).trim().split('\r\n');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toBe('Pact 2030,final,education,Education | schools,on-time,measure,<script>alert(1)</script>,implemented,,,,,,,');
    expect(rows[2]).toBe('Pact 2030,final,education,Education | schools,on-time,indicator,"Courses, ""new""",,courses,0,10,5,0.5,no,');
    expect(rows[3]).toBe(`Pact 2030,final,education,Education | schools,on-time,good_practice,"'=HYPERLINK(""http://x"")",,,,,,,,`);
    expect(rows[4]).toBe('Pact 2030,final,sport,Sport,missing,missing,,,,,,,,,');
  });

  it('Markdown and HTML carry coverage, charts and the missing group', () => {
    const md = reportToMarkdown(inLanguage(report(), 'en'), { words: EN });
    expect(md).toMatch(/^# Pact 2030: Implementation report/);
    expect(md).toContain('1 on time, 0 late, 1 missing of 2 working groups.');
    expect(md).toContain('| Sport | missing |  | 2 |  |');
    const html = reportToHtml(inLanguage(report(), 'en'), { words: EN });
    expect(html.match(/<svg class="bar"/g)).toHaveLength(2);
    expect(html).toContain('no report submitted');
    expect(html).toContain('@page { size: A4');
  });

  it('the body has no inline style, so a page under a strict CSP can show it; the standalone page styles its classes', () => {
    const body = reportBodyHtml(inLanguage(report(), 'en'), EN);
    expect(body).not.toMatch(/\sstyle=|<style/);
    expect(body).toContain('<i class="status-in-progress"></i>');
    const html = reportToHtml(inLanguage(report(), 'en'), { words: EN });
    expect(html).toContain(body);
    expect(html).toContain('.status-implemented { background: #1b7f3b; }');
    expect(html).toContain('.kind-submissions { background: #1b7f3b; }');
    expect(html.match(/<style>/g)).toHaveLength(1);
  });
});

describe('every answer the template asks for, in every format', () => {
  // One report with every field a chair fills in, each value distinct so its place can be found.
  const content = {
    measures: [
      {
        title: 'Parents’ language café',
        status: 'in-progress' as const,
        description: 'Weekly meetings in three districts.\nTwo more planned for 2031 – with childcare.',
      },
      { title: 'Mentoring for apprentices', status: 'planned' as const },
    ],
    indicators: [{ key: 'reach', name: 'Parents reached', unit: 'parents', baseline: 120, target: 480, actual: 310 }],
    goodPractices: ['Volunteer interpreters at enrolment'],
    obstacles: ['Rooms only available in the evening'],
    recommendations: ['Fund childcare from the integration budget'],
  };
  const full = () => {
    const c = new ReportCompiler({
      cycleId: 'c1',
      cycleName: 'Pact 2032',
      milestoneKey: 'final',
      milestoneTitle: 'Implementation report',
      milestoneKind: 'final',
      dueAt: new Date('2032-06-01T00:00:00Z'),
      compiledAt: new Date('2032-07-01T00:00:00Z'),
    });
    c.add({
      groupKey: 'education',
      fieldOfAction: 'Integration through education',
      status: 'submitted',
      late: false,
      escalationLevel: 0,
      extended: false,
      content,
    });
    return c.result();
  };
  // Every value a chair typed or chose (Markdown escapes the full stops it shows); a status as
  // its word in the HTML and Markdown, as its code in the CSV.
  const values = (status: (s: MeasureStatus) => string) => [
    ...content.measures.flatMap((m) => [m.title, status(m.status)]),
    'Weekly meetings in three districts',
    'Two more planned for 2031 – with childcare',
    'Parents reached',
    'parents',
    '120',
    '480',
    '310',
    ...content.goodPractices,
    ...content.obstacles,
    ...content.recommendations,
  ];

  const word = (s: MeasureStatus) => shippedReportWords('en').status[s];
  const code = (s: MeasureStatus) => s;
  it.each([
    ['HTML', () => reportToHtml(inLanguage(full(), 'en'), { words: EN }), (v: string) => escapeHtml(v), word],
    ['Markdown', () => reportToMarkdown(inLanguage(full(), 'en'), { words: EN }), (v: string) => v, word],
    ['CSV', () => reportToCsv(inLanguage(full(), 'en'), EN), (v: string) => v, code],
  ] as const)('%s holds every value', (_format, render, as, status) => {
    const out = render();
    for (const v of values(status)) expect({ value: v, found: out.includes(as(v)) }).toEqual({ value: v, found: true });
  });

  it('is written in the reader’s language: headings, states and sentences (German, French), codes in the CSV', () => {
    const de = reportToMarkdown(inLanguage(full(), 'de'), { words: shippedReportWords('de') });
    expect(de).toContain('## Abdeckung');
    expect(de).toContain('1 pünktlich, 0 verspätet, 0 fehlen von 1 Arbeitsgruppen.');
    expect(de).toContain('(in Arbeit)');
    expect(de).toContain('## Veränderung seit dem vorigen Zyklus');
    const html = reportToHtml(inLanguage(full(), 'fr'), { words: shippedReportWords('fr') });
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h2>Couverture</h2>');
    expect(html).toContain('Aucun cycle précédent de ce type n’a été compilé.');
    const csv = reportToCsv(inLanguage(full(), 'de'), shippedReportWords('de'));
    expect(csv.split('\r\n')[0]).toBe(
      'Zyklus,Meilenstein,Gruppe,Handlungsfeld,Bericht,Art,Eintrag,Stand,Einheit,Ausgangswert,Zielwert,Istwert,Fortschritt,Ziel erreicht,Beschreibung',
    );
    expect(csv).toContain(',measure,Parents’ language café,in-progress,');
    // A language without its own words reads English.
    expect(reportToMarkdown(inLanguage(full(), 'it'), { words: shippedReportWords('it') })).toContain('## Coverage');
  });

  it('a long text stays readable: its line breaks kept in the HTML (and so the PDF), Markdown and CSV', () => {
    expect(reportBodyHtml(inLanguage(full(), 'en'), EN)).toContain(
      '<p class="measure-description">Weekly meetings in three districts.\nTwo more planned for 2031 – with childcare.</p>',
    );
    expect(reportToHtml(inLanguage(full(), 'en'), { words: EN })).toMatch(/\.measure-description \{ white-space: pre-line;/);
    expect(reportToMarkdown(inLanguage(full(), 'en'), { words: EN })).toMatch(
      /- \*\*Parents’ language café\*\* \(in progress\)\n {2}Weekly meetings in three districts\\?\. {2}\n {2}Two more planned for 2031 – with childcare\\?\. {2}\n/,
    );
    expect(reportToCsv(inLanguage(full(), 'en'), EN)).toContain(
      'measure,Parents’ language café,in-progress,,,,,,,"Weekly meetings in three districts.\nTwo more planned for 2031 – with childcare."',
    );
  });
});
