import { inLanguage } from '../texts/localized-text';
import { reportBodyHtml } from './render/report-html';
import { reportToMarkdown } from './render/report-markdown';
import { ReportCompiler } from './report-compiler';
import { reportPart } from './report-part';
import { shippedReportWords } from '../testing/shipped-texts';

const EN = shippedReportWords('en');

function network() {
  const c = new ReportCompiler({
    cycleId: 'c1',
    cycleName: 'Pact',
    milestoneKey: 'final',
    milestoneTitle: 'Implementation report',
    milestoneKind: 'final',
    dueAt: new Date('2030-06-01T00:00:00Z'),
    compiledAt: new Date('2030-07-01T00:00:00Z'),
  });
  const content = (g: string) => ({
    measures: [
      { title: `${g} measure`, status: 'implemented' as const },
      { title: `${g} plan`, status: 'planned' as const },
    ],
    indicators: [{ key: 'k', name: 'Reach', unit: 'people', baseline: 0, target: 10, actual: g === 'education' ? 10 : 5 }],
    goodPractices: [`${g} practice`],
    obstacles: [],
    recommendations: [],
  });
  for (const g of ['education', 'sport'])
    c.add({ groupKey: g, fieldOfAction: g, status: 'submitted', late: g === 'sport', escalationLevel: 0, extended: false, content: content(g) });
  c.add({ groupKey: 'security', fieldOfAction: 'security', status: 'open', late: false, escalationLevel: 1, extended: false });
  return c.result();
}

describe('reportPart', () => {
  it('keeps only the groups named, with coverage and totals counted over them; the network-wide parts go', () => {
    const part = reportPart(network(), ['education']);
    expect(part.fields.map((f) => f.groupKey)).toEqual(['education']);
    expect(part.coverage).toEqual({ total: 1, onTime: 1, late: 0, missing: 0, byGroup: [expect.objectContaining({ groupKey: 'education' })] });
    expect(part.totals).toEqual({
      measures: 2,
      measuresByStatus: expect.objectContaining({ implemented: 1, planned: 1 }),
      indicators: 1,
      indicatorsAchieved: 1,
    });
    expect(part.changeSincePrevious).toBeNull();
    expect(part.timeline).toBeUndefined();
    expect(part.part).toEqual({ groupKeys: ['education'] });
    expect(JSON.stringify(part)).not.toContain('sport practice');
  });

  it('says in every format that it is a part, and why the change since the previous cycle is not in it', () => {
    const part = reportPart(network(), ['education']);
    for (const out of [reportBodyHtml(inLanguage(part, 'en'), EN), reportToMarkdown(inLanguage(part, 'en'), { words: EN })]) {
      expect(out).toContain('This is the part of your working group only.');
      expect(out).toContain('The change since the previous cycle compares the whole network');
      expect(out).not.toContain('No previous cycle of this kind has been compiled.');
    }
  });

  it('several groups (a person acting for two), a missing one counted as missing', () => {
    const part = reportPart(network(), ['sport', 'security']);
    expect(part.coverage).toMatchObject({ total: 2, onTime: 0, late: 1, missing: 1 });
    expect(part.fields.map((f) => f.groupKey)).toEqual(['security', 'sport']);
  });
});
