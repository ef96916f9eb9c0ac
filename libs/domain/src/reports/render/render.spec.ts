import { ReportCompiler } from '../report-compiler';
import { csvField, escapeHtml } from './escape';
import { reportToCsv } from './report-csv';
import { reportBodyHtml, reportToHtml } from './report-html';
import { reportToMarkdown } from './report-markdown';

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
    const html = reportToHtml(report());
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    const md = reportToMarkdown(report());
    expect(md).toContain('Education \\| schools');
  });

  it('CSV: a header and one row per item, plus one per missing group', () => {
    const rows = reportToCsv(report()).trim().split('\r\n');
    expect(rows).toHaveLength(5);
    expect(rows[1]).toBe('Pact 2030,final,education,Education | schools,on-time,measure,<script>alert(1)</script>,implemented,,,,,,,');
    expect(rows[2]).toBe('Pact 2030,final,education,Education | schools,on-time,indicator,"Courses, ""new""",,courses,0,10,5,0.5,no,');
    expect(rows[3]).toBe(`Pact 2030,final,education,Education | schools,on-time,good_practice,"'=HYPERLINK(""http://x"")",,,,,,,,`);
    expect(rows[4]).toBe('Pact 2030,final,sport,Sport,missing,missing,,,,,,,,,');
  });

  it('Markdown and HTML carry coverage, charts and the missing group', () => {
    const md = reportToMarkdown(report());
    expect(md).toMatch(/^# Pact 2030: Implementation report/);
    expect(md).toContain('1 on time, 0 late, 1 missing of 2 working groups.');
    expect(md).toContain('| Sport | missing |  | 2 |  |');
    const html = reportToHtml(report());
    expect(html.match(/<svg class="bar"/g)).toHaveLength(2);
    expect(html).toContain('no report submitted');
    expect(html).toContain('@page { size: A4');
  });

  it('the body has no inline style, so a page under a strict CSP can show it; the standalone page styles its classes', () => {
    const body = reportBodyHtml(report());
    expect(body).not.toMatch(/\sstyle=|<style/);
    expect(body).toContain('<i class="status-in-progress"></i>');
    const html = reportToHtml(report());
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
      { title: 'Parents’ language café', status: 'in-progress' as const, description: 'Weekly meetings in three districts.\nTwo more planned for 2031 – with childcare.' },
      { title: 'Mentoring for apprentices', status: 'planned' as const },
    ],
    indicators: [{ key: 'reach', name: 'Parents reached', unit: 'parents', baseline: 120, target: 480, actual: 310 }],
    goodPractices: ['Volunteer interpreters at enrolment'],
    obstacles: ['Rooms only available in the evening'],
    recommendations: ['Fund childcare from the integration budget'],
  };
  const full = () => {
    const c = new ReportCompiler({ cycleId: 'c1', cycleName: 'Pact 2032', milestoneKey: 'final', milestoneTitle: 'Implementation report', milestoneKind: 'final', dueAt: new Date('2032-06-01T00:00:00Z'), compiledAt: new Date('2032-07-01T00:00:00Z') });
    c.add({ groupKey: 'education', fieldOfAction: 'Integration through education', status: 'submitted', late: false, escalationLevel: 0, extended: false, content });
    return c.result();
  };
  // Every value a chair typed or chose (Markdown escapes the full stops it shows).
  const values = [
    ...content.measures.flatMap((m) => [m.title, m.status]),
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

  it.each([
    ['HTML', () => reportToHtml(full()), (v: string) => escapeHtml(v)],
    ['Markdown', () => reportToMarkdown(full()), (v: string) => v],
    ['CSV', () => reportToCsv(full()), (v: string) => v],
  ] as const)('%s holds every value', (_format, render, as) => {
    const out = render();
    for (const v of values) expect({ value: v, found: out.includes(as(v)) }).toEqual({ value: v, found: true });
  });

  it('a long text stays readable: its line breaks kept in the HTML (and so the PDF), Markdown and CSV', () => {
    expect(reportBodyHtml(full())).toContain('<p class="measure-description">Weekly meetings in three districts.\nTwo more planned for 2031 – with childcare.</p>');
    expect(reportToHtml(full())).toMatch(/\.measure-description \{ white-space: pre-line;/);
    expect(reportToMarkdown(full())).toMatch(/- \*\*Parents’ language café\*\* \(in-progress\)\n  Weekly meetings in three districts\\?\.  \n  Two more planned for 2031 – with childcare\\?\.  \n/);
    expect(reportToCsv(full())).toContain('measure,Parents’ language café,in-progress,,,,,,,"Weekly meetings in three districts.\nTwo more planned for 2031 – with childcare."');
  });
});
