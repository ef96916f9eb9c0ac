import { createHash } from 'node:crypto';
import type { ImplementationReport, NetworkReport } from '@pact/domain';
import { EventRepository, ReportRecord, ReportVersionRepository } from '@pact/persistence';
import { newTestService } from '../testing/service-doubles';
import { CompilationService } from './compilation.service';
import { ReportPublishingService } from './publishing.service';

const report = { cycleId: 'c1', cycleName: 'Round', milestoneKey: 'survey', milestoneTitle: 'Self-evaluation' } as unknown as ImplementationReport;
const network = { questionnaireKey: 'charter-self-evaluation', participation: { tookPart: 2, signatories: 4 } } as unknown as NetworkReport;
const compiledAt = new Date('2030-06-01T00:00:00Z');

function setUp(record: Partial<ReportRecord>) {
  const t = newTestService(ReportPublishingService);
  t.double(CompilationService).findIfCompiled.mockResolvedValue({ milestoneKey: 'survey', compiledAt, report, ...record } as ReportRecord);
  const versions = t.double(ReportVersionRepository);
  versions.findByContent.mockResolvedValue(null);
  versions.highestNumber.mockResolvedValue(0);
  versions.insert.mockImplementation(async (v) => ({ id: 'v1', ...v }));
  t.double(EventRepository).append.mockResolvedValue(true as never);
  return { t, versions };
}

describe('ReportPublishingService', () => {
  it('freezes a questionnaire round’s network report (its JSON, kind network), not its coverage', async () => {
    const { t, versions } = setUp({ network });
    const { version, created } = await t.service.publish('c1', undefined, 'committee@example.org');
    const json = JSON.stringify(network);
    expect(versions.insert).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'network', json, sha256: createHash('sha256').update(json).digest('hex'), version: 1 }),
    );
    expect(created).toBe(true);
    expect(version).toMatchObject({ kind: 'network', version: 1 });
    expect(version).not.toHaveProperty('json');
  });

  it('freezes an implementation report as before, without a kind', async () => {
    const { t, versions } = setUp({});
    await t.service.publish('c1', undefined, 'committee@example.org');
    const inserted = versions.insert.mock.calls[0][0];
    expect(inserted.json).toBe(JSON.stringify(report));
    expect(inserted).not.toHaveProperty('kind');
  });
});
