import { CycleRepository, ReportRecord, ReportVersionRepository } from '@pact/persistence';
import { aCycle } from '../testing/fixtures';
import type { ImplementationReport } from '@pact/domain';
import { newTestService } from '../testing/service-doubles';
import { CompilationService } from './compilation.service';
import { ReportReadingService } from './report-reading.service';

const whole = {
  cycleId: 'c1',
  milestoneKey: 'final',
  coverage: {
    total: 2,
    onTime: 2,
    late: 0,
    missing: 0,
    byGroup: [
      { groupKey: 'education', state: 'on-time' },
      { groupKey: 'sport', state: 'on-time' },
    ],
  },
  fields: [
    { groupKey: 'education', measuresByStatus: {}, indicators: [] },
    { groupKey: 'sport', measuresByStatus: {}, indicators: [] },
  ],
  totals: {},
  changeSincePrevious: null,
} as unknown as ImplementationReport;

function setUp(draftVisibleToChairs: boolean, published = false) {
  const t = newTestService(ReportReadingService, { config: { reports: { draftVisibleToChairs } } });
  t.double(CycleRepository).findById.mockResolvedValue(aCycle());
  t.double(CompilationService).findIfCompiled.mockResolvedValue({ milestoneKey: 'final', report: whole } as unknown as ReportRecord);
  const versions = t.double(ReportVersionRepository);
  versions.latestOf.mockResolvedValue(published ? ({ version: 2 } as never) : null);
  versions.find.mockResolvedValue(published ? ({ version: 2, json: JSON.stringify({ ...whole, cycleName: 'published' }) } as never) : null);
  return t;
}

const chair = { roles: ['chair' as const], committeeOf: [], groupKeys: ['education'], programmes: ['pact'] };

describe('ReportReadingService', () => {
  it('the committee and operators read the whole compiled report', async () => {
    for (const roles of [['committee' as const], ['operator' as const]]) {
      expect(await setUp(false).service.readable({ roles, committeeOf: ['pact'], groupKeys: [], programmes: ['pact'] }, 'c1')).toEqual({
        report: whole,
        scope: 'whole',
      });
    }
  });

  it('a chair reads their group’s part while nothing is published', async () => {
    const read = await setUp(false).service.readable(chair, 'c1');
    expect(read?.scope).toBe('part');
    expect(read?.report.fields.map((f) => f.groupKey)).toEqual(['education']);
  });

  it('a chair reads the latest published version once there is one', async () => {
    const read = await setUp(false, true).service.readable(chair, 'c1');
    expect(read).toMatchObject({ scope: 'published', version: { version: 2 }, report: { cycleName: 'published' } });
  });

  it('reports.draftVisibleToChairs opens the whole compiled report to chairs', async () => {
    expect(await setUp(true).service.readable(chair, 'c1')).toEqual({ report: whole, scope: 'whole' });
  });
});
