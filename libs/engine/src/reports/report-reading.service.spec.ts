import { CycleRepository, ReportRecord, ReportVersionRepository } from '@pact/persistence';
import { aCycle } from '../testing/fixtures';
import type { ImplementationReport, NetworkReport } from '@pact/domain';
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

describe('ReportReadingService: a questionnaire round’s network report', () => {
  const network = { questionnaireKey: 'q', participation: { tookPart: 2 } } as unknown as NetworkReport;
  const published = { ...network, participation: { tookPart: 1 } };
  const round = aCycle({
    programme: 'charter',
    template: undefined,
    questionnaire: { key: 'q', version: 1 } as never,
    milestones: [],
    groupKeys: ['berlin', 'nantes'],
  });
  const committee = { roles: ['committee' as const], committeeOf: ['charter'], groupKeys: [], programmes: ['charter'] };
  const coordinator = { roles: ['chair' as const], committeeOf: [], groupKeys: ['berlin'], programmes: ['charter'] };
  const compiledAt = new Date('2030-06-01T00:00:00Z');

  function setUpRound(opts: { published?: 'network' | 'none'; draftVisibleToChairs?: boolean } = {}) {
    const t = newTestService(ReportReadingService, { config: { reports: { draftVisibleToChairs: opts.draftVisibleToChairs ?? false } } });
    t.double(CycleRepository).findById.mockResolvedValue(round);
    t.double(CompilationService).findIfCompiled.mockResolvedValue({ milestoneKey: 'survey', compiledAt, report: whole, network } as unknown as ReportRecord);
    const versions = t.double(ReportVersionRepository);
    const v = { version: 1, kind: 'network', milestoneKey: 'survey', compiledAt, json: JSON.stringify(published) };
    versions.latestOf.mockResolvedValue(opts.published === 'network' ? (v as never) : null);
    versions.find.mockResolvedValue(opts.published === 'network' ? (v as never) : null);
    return t;
  }

  it('its committee reads the compiled network report with the coverage; operators too', async () => {
    const read = await setUpRound().service.readAny(committee, 'c1');
    expect(read).toEqual({ kind: 'network', network, scope: 'whole', milestoneKey: 'survey', compiledAt, coverage: whole });
    const operator = { roles: ['operator' as const], committeeOf: [], groupKeys: [], programmes: ['pact', 'charter'] };
    expect(await setUpRound().service.readableNetwork(operator, 'c1')).toMatchObject({ scope: 'whole', network });
  });

  it('a coordinator reads nothing of it before publication, even where the Pact opens its drafts to chairs', async () => {
    for (const draftVisibleToChairs of [false, true]) {
      const t = setUpRound({ draftVisibleToChairs });
      expect(await t.service.readableNetwork(coordinator, 'c1')).toBeNull();
      await expect(t.service.readAny(coordinator, 'c1')).rejects.toThrow(/once the committee publishes it/);
    }
  });

  it('a coordinator reads the latest published version, without the coverage', async () => {
    const read = await setUpRound({ published: 'network' }).service.readAny(coordinator, 'c1');
    expect(read).toMatchObject({ kind: 'network', scope: 'published', network: published, version: { version: 1 } });
    expect(read.kind === 'network' && read.coverage).toBeUndefined();
  });

  it('a coordinator’s coverage of a round is their own cities’ part (a round’s versions are not implementation reports)', async () => {
    const read = await setUpRound({ published: 'network' }).service.readable(coordinator, 'c1');
    expect(read?.scope).toBe('part');
  });

  it('another programme’s committee finds no such cycle', async () => {
    const pact = { roles: ['committee' as const], committeeOf: ['pact'], groupKeys: [], programmes: ['pact'] };
    await expect(setUpRound().service.readAny(pact, 'c1')).rejects.toThrow(/does not exist/);
  });

  it('a cycle that is not a round has no network report, and readAny reads its implementation report', async () => {
    const t = setUp(false);
    const reader = { roles: ['committee' as const], committeeOf: ['pact'], groupKeys: [], programmes: ['pact'] };
    expect(await t.service.readableNetwork(reader, 'c1')).toBeNull();
    expect(await t.service.readAny(reader, 'c1')).toEqual({ kind: 'implementation', report: whole, scope: 'whole' });
  });
});
