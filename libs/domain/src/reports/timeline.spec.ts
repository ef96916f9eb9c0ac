import { inLanguage, textIn } from '../texts/localized-text';
import { reportToHtml } from './render/report-html';
import { reportToMarkdown } from './render/report-markdown';
import { periodLabel, timelineSvg } from './render/report-timeline';
import { ReportCompiler } from './report-compiler';
import { TimelineBuilder, timelineMarks } from './timeline';
import { shippedReportWords, shippedMarkWords } from '../testing/shipped-texts';

const EN = shippedReportWords('en');
const MARKS = shippedMarkWords();

const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

const cycle = {
  start: d('2027-01-01'),
  milestones: [
    { key: 'mid-term', title: 'Mid-term progress report', requestAt: d('2028-01-01'), dueAt: d('2028-02-12'), compiledAt: d('2028-03-01') },
    { key: 'final', title: 'Implementation report', requestAt: d('2028-11-01'), dueAt: d('2028-12-01') },
  ],
};

describe('timeline aggregation', () => {
  it('counts events per month for a long cycle, ignoring types it does not show', () => {
    const b = new TimelineBuilder(d('2027-01-01'), d('2029-01-01'));
    expect(b.granularity).toBe('month');
    for (let i = 0; i < 12; i++) b.add({ type: 'task.requested', at: d('2028-01-01') });
    b.add({ type: 'task.reminded', at: d('2028-01-29') });
    b.add({ type: 'task.reminded', at: d('2028-02-09') });
    b.add({ type: 'submission.received', at: d('2028-02-10'), data: { late: false } });
    b.add({ type: 'submission.received', at: d('2028-02-20'), data: { late: true } });
    b.add({ type: 'task.escalated', at: d('2028-02-12'), data: { level: 1, target: 'chair' } });
    b.add({ type: 'task.escalated', at: d('2028-02-19'), data: { level: 2, target: 'committee' } });
    b.add({ type: 'task.extended', at: '2028-02-13T10:00:00.000Z' });
    b.add({ type: 'notification.sent', at: d('2028-02-13') });
    b.add({ type: 'cycle.created', at: d('2026-12-01') });
    const t = b.result();
    expect(t.buckets).toHaveLength(25); // 2027-01 … 2029-01
    expect(t.buckets[0].start).toEqual(d('2027-01-01'));
    expect(t.buckets[24].end).toEqual(d('2029-02-01'));
    expect(t.totals).toEqual({ requests: 12, reminders: 2, escalations: 2, extensions: 1, submissions: 2 });
    expect(t.lateSubmissions).toBe(1);
    expect(t.committeeEscalations).toBe(1);
    const jan = t.buckets[12];
    const feb = t.buckets[13];
    expect(periodLabel(jan, 'month', EN)).toBe('2028-01');
    expect(jan.counts).toEqual({ requests: 12, reminders: 1, escalations: 0, extensions: 0, submissions: 0 });
    expect(feb.counts).toEqual({ requests: 0, reminders: 1, escalations: 2, extensions: 1, submissions: 2 });
    expect(feb).toMatchObject({ lateSubmissions: 1, committeeEscalations: 1 });
  });

  it('counts per week (from Monday, UTC) for a short cycle and clamps strays into the range', () => {
    // 2030-01-01 is a Tuesday: the first week starts on Monday 2029-12-31.
    const b = new TimelineBuilder(d('2030-01-01'), d('2030-04-01'));
    expect(b.granularity).toBe('week');
    b.add({ type: 'task.requested', at: d('2030-01-02') });
    b.add({ type: 'task.requested', at: d('2030-01-06') });
    b.add({ type: 'task.requested', at: d('2030-01-07') });
    b.add({ type: 'submission.received', at: d('2031-01-01') });
    const t = b.result();
    expect(t.buckets[0].start).toEqual(d('2029-12-31'));
    expect(t.buckets[0].counts.requests).toBe(2);
    expect(t.buckets[1].counts.requests).toBe(1);
    expect(t.buckets[t.buckets.length - 1].counts.submissions).toBe(1);
    expect(t.buckets.length).toBe(14);
    expect(periodLabel(t.buckets[1], 'week', EN)).toBe('week of 2030-01-07');
  });

  it('stays the same size however many events it counts', () => {
    const b = new TimelineBuilder(d('2027-01-01'), d('2029-01-01'));
    const start = d('2027-01-01').getTime();
    for (let i = 0; i < 200_000; i++) b.add({ type: 'task.reminded', at: new Date(start + (i % 700) * 86_400_000) });
    const t = b.result();
    expect(t.buckets).toHaveLength(25);
    expect(t.totals.reminders).toBe(200_000);
    expect(JSON.stringify(t).length).toBeLessThan(10_000);
  });

  it('marks the start, each request, due date and compilation up to the report, in order', () => {
    const marks = timelineMarks(cycle, d('2029-01-01'), { milestoneKey: 'final', at: d('2028-12-20') }, MARKS);
    expect(marks.map((m) => [m.at.toISOString().slice(0, 10), m.kind, textIn(m.label, 'en')])).toEqual([
      ['2027-01-01', 'start', 'Cycle starts'],
      ['2028-01-01', 'request', 'Mid-term progress report requested'],
      ['2028-02-12', 'due', 'Mid-term progress report due'],
      ['2028-03-01', 'compiled', 'Mid-term progress report compiled'],
      ['2028-11-01', 'request', 'Implementation report requested'],
      ['2028-12-01', 'due', 'Implementation report due'],
      ['2028-12-20', 'compiled', 'Implementation report compiled'],
    ]);
    expect(textIn(marks[1].label, 'de')).toBe('Mid-term progress report angefordert');
    expect(
      textIn(
        timelineMarks(
          { ...cycle, milestones: [{ ...cycle.milestones[0], title: { en: 'Mid-term', de: 'Zwischenbericht' } }] },
          d('2029-01-01'),
          undefined,
          MARKS,
        )[2].label,
        'de',
      ),
    ).toBe('Zwischenbericht fällig');
    // The mid-term report does not show what came after it.
    expect(timelineMarks(cycle, d('2028-03-01'), { milestoneKey: 'mid-term', at: d('2028-03-01') }, MARKS)).toHaveLength(4);
  });
});

describe('timeline rendering', () => {
  function timeline() {
    const b = new TimelineBuilder(
      d('2027-01-01'),
      d('2028-12-20'),
      timelineMarks(cycle, d('2028-12-20'), { milestoneKey: 'final', at: d('2028-12-20') }, MARKS),
    );
    for (let i = 0; i < 12; i++) b.add({ type: 'task.requested', at: d('2028-11-01') });
    b.add({ type: 'submission.received', at: d('2028-11-20'), data: { late: false } });
    b.add({ type: 'submission.received', at: d('2028-12-05'), data: { late: true } });
    b.add({ type: 'task.escalated', at: d('2028-12-01'), data: { target: 'chair' } });
    return b.result();
  }

  it('draws one lane per kind, a bar per busy period and a numbered line per key moment', () => {
    const svg = timelineSvg(timeline(), EN);
    expect(svg).toMatch(/^<svg class="timeline"/);
    expect(svg.match(/<g class="lane"/g)).toHaveLength(5);
    expect(svg.match(/<rect class="count"/g)).toHaveLength(4); // requests (Nov), submissions (Nov, Dec), escalations (Dec)
    expect(svg.match(/<line class="milestone"/g)).toHaveLength(7);
    expect(svg).toContain('<title>2028-12: 1 submissions, 1 late</title>');
    expect(svg).toContain('aria-label="Timeline of the cycle: requests, reminders, escalations, extensions and submissions per month"');
    expect(svg).not.toMatch(/<script|href=/);
    // Presentation attributes, not a style element: pages with a strict CSP show it as drawn.
    expect(svg).not.toMatch(/<style|\sstyle=/);
    // Coordinates stay inside the view box.
    const xs = [...svg.matchAll(/ x="([\d.-]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThanOrEqual(680);
  });

  it("names the chart in the reader's language", () => {
    expect(timelineSvg(timeline(), shippedReportWords('de'))).toContain(
      'aria-label="Zeitleiste des Zyklus: Anforderungen, Erinnerungen, Eskalationen, Verlängerungen und Einreichungen je Monat"',
    );
    expect(timelineSvg(timeline(), shippedReportWords('fr'))).toContain(
      'aria-label="Chronologie du cycle : demandes, rappels, escalades, prolongations et soumissions par mois"',
    );
  });

  it('is part of the HTML and Markdown report when the report has one', () => {
    const c = new ReportCompiler({
      cycleId: 'c',
      cycleName: 'Pact <2027>',
      milestoneKey: 'final',
      milestoneTitle: 'Implementation report',
      milestoneKind: 'final',
      dueAt: d('2028-12-01'),
      compiledAt: d('2028-12-20'),
    });
    c.add({ groupKey: 'sport', fieldOfAction: 'Sport', status: 'overdue', late: false, escalationLevel: 1, extended: false });
    const without = c.result();
    expect(reportToHtml(inLanguage(without, 'en'), { words: EN })).not.toContain('<h2>Timeline</h2>');
    const report = c.result(null, timeline());
    const html = reportToHtml(inLanguage(report, 'en'), { words: EN });
    expect(html).toContain('<h2>Timeline</h2>');
    expect(html).toContain('<svg class="timeline"');
    expect(html).toContain('12 requests, 0 reminders, 1 escalations (0 to the committee), 0 extensions, 2 submissions (1 late)');
    expect(html.match(/<table class="timeline-table">.*?<\/table>/s)![0].match(/<tr>/g)).toHaveLength(3); // header, Nov, Dec
    const md = reportToMarkdown(inLanguage(report, 'en'), { words: EN });
    expect(md).toContain('## Timeline');
    expect(md).toContain('| 2028-11 | 12 |  |  |  | 1 |');
    expect(md).toContain('| 2028-12 |  |  | 1 |  | 1 (1 late) |');
    expect(md).toContain('7. 2028-12-20 Implementation report compiled');
    expect(reportToHtml(inLanguage(report, 'en'), { words: EN, edition: { version: 2, publishedAt: d('2029-01-05') } })).toContain(
      'Published version 2, 2029-01-05',
    );
    expect(reportToMarkdown(inLanguage(report, 'en'), { words: EN, edition: { version: 2, publishedAt: '2029-01-05T00:00:00.000Z' } })).toContain(
      '**Published version 2, 2029-01-05.**',
    );
  });

  it('renders a report read back from JSON (dates as strings) the same as the original', () => {
    const c = new ReportCompiler({
      cycleId: 'c',
      cycleName: 'P',
      milestoneKey: 'final',
      milestoneTitle: 'T',
      milestoneKind: 'final',
      dueAt: d('2028-12-01'),
      compiledAt: d('2028-12-20'),
    });
    const report = c.result(null, timeline());
    expect(reportToHtml(inLanguage(JSON.parse(JSON.stringify(report)), 'en'), { words: EN })).toBe(reportToHtml(inLanguage(report, 'en'), { words: EN }));
  });
});
