import { ObservationPeriodRepository, ObservationSeriesRepository } from '@pact/persistence';
import { periodOf, type ProgrammeIndicators } from '@pact/domain';
import { NotFoundError } from '../errors';
import { IndicatorCatalog } from '../indicators/indicator-catalog';
import { aRevision, aTask, DUE, IDS, someContent } from '../testing/fixtures';
import { newTestService } from '../testing/service-doubles';
import { ObservationService } from './observation.service';

const text = { en: 'x', de: 'x', fr: 'x' };
const ind = (code: string) => ({ code, name: text, definition: text, unit: text, polarity: 'higher-is-better' as const, source: text });
const PACT: ProgrammeIndicators = { programme: 'pact', indicators: [ind('education.reach'), ind('education.courses'), ind('sport.members')] };

function setUp() {
  const t = newTestService(ObservationService);
  const catalog = t.double(IndicatorCatalog);
  catalog.of.mockImplementation((p) => (p === 'pact' ? PACT : undefined));
  catalog.indicator.mockImplementation((p, code) => {
    const found = p === 'pact' && PACT.indicators.find((i) => i.code === code);
    if (!found) throw new NotFoundError(`no indicator "${code}" in programme ${p}`);
    return found;
  });
  return { ...t, series: t.double(ObservationSeriesRepository), periods: t.double(ObservationPeriodRepository) };
}

describe('ObservationService', () => {
  it("records a revision's values of the group's catalogue indicators (null for one it leaves out) in the series, then the periods", async () => {
    const { service, series, periods } = setUp();
    const order: string[] = [];
    series.record.mockImplementation(async () => void order.push('series'));
    periods.record.mockImplementation(async () => void order.push('periods'));
    const revision = aRevision(2, { content: { ...someContent(), indicators: [{ key: 'reach', baseline: 1, target: 3, actual: 2 }] } });

    expect(await service.recordRevision(aTask(), revision)).toBe(2);

    expect(order).toEqual(['series', 'periods']);
    const period = periodOf.milestone(IDS.cycle, 'final', DUE);
    const provenance = { kind: 'revision', taskId: IDS.task, revision: 2, submittedAt: revision.submittedAt, submittedBy: revision.submittedBy };
    expect(series.record).toHaveBeenCalledWith([
      { programme: 'pact', indicator: 'education.reach', participant: 'education', period, value: 2, provenance },
      { programme: 'pact', indicator: 'education.courses', participant: 'education', period, value: null, provenance },
    ]);
    expect(periods.record).toHaveBeenCalledWith(series.record.mock.calls[0][0]);
  });

  it("keeps the milestone's planned due date as the period when the task's was extended", async () => {
    const { service, series } = setUp();
    await service.recordRevision(aTask({ dueAt: new Date('2031-01-01T00:00:00Z') }), aRevision(1));
    expect(series.record.mock.calls[0][0][0].period.at).toEqual(DUE);
  });

  it('records nothing for a programme without a catalogue, or a group without catalogue indicators', async () => {
    const { service, series, periods } = setUp();
    expect(await service.recordRevision(aTask({ programme: 'elsewhere' }), aRevision(1))).toBe(0);
    expect(await service.recordRevision(aTask({ groupKey: 'security' }), aRevision(1))).toBe(0);
    expect(series.record).not.toHaveBeenCalled();
    expect(periods.record).not.toHaveBeenCalled();
  });

  it('reads a series by key and answers its periods with a value, oldest first', async () => {
    const { service, series } = setUp();
    const provenance = { kind: 'import' as const, importedAt: new Date() };
    series.find.mockResolvedValue({
      id: 'pact:education.reach:education',
      programme: 'pact',
      indicator: 'education.reach',
      participant: 'education',
      values: [
        { period: periodOf.milestone(IDS.cycle, 'final', DUE), value: 5, provenance },
        { period: periodOf.year(2013), value: 3, provenance },
        { period: periodOf.year(2015), value: null, provenance },
      ],
    });
    const view = await service.seriesOf('pact', 'education.reach', 'education');
    expect(series.find).toHaveBeenCalledWith('pact', 'education.reach', 'education');
    expect(view.values.map((v) => [v.period.key, v.value])).toEqual([
      ['2013', 3],
      [`${IDS.cycle}-final`, 5],
    ]);
    expect(view.indicator.code).toBe('education.reach');
  });

  it('answers an empty series or peer comparison where nothing was observed, and NotFoundError for an indicator not in the catalogue', async () => {
    const { service, series, periods } = setUp();
    series.find.mockResolvedValue(null);
    periods.find.mockResolvedValue(null);
    expect((await service.seriesOf('pact', 'sport.members', 'sport')).values).toEqual([]);
    expect(await service.peersOf('pact', 'sport.members', '2013')).toMatchObject({ period: null, values: [], median: null });
    await expect(service.seriesOf('pact', 'sport.nothing', 'sport')).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.peersOf('charter', 'sport.members', '2013')).rejects.toBeInstanceOf(NotFoundError);
    expect(series.find).toHaveBeenCalledTimes(1);
  });

  it("reads a period's values by key for the peers: every participant with a value, and the median", async () => {
    const { service, periods } = setUp();
    const provenance = { kind: 'import' as const, importedAt: new Date() };
    const period = periodOf.year(2015);
    periods.find.mockResolvedValue({
      id: 'pact:education.reach:2015',
      programme: 'pact',
      indicator: 'education.reach',
      period,
      values: [
        { participant: 'b', value: 4, provenance },
        { participant: 'a', value: 2, provenance },
        { participant: 'c', value: null, provenance },
      ],
    });
    const view = await service.peersOf('pact', 'education.reach', '2015');
    expect(periods.find).toHaveBeenCalledWith('pact', 'education.reach', '2015');
    expect(view).toMatchObject({
      period,
      median: 3,
      values: [
        { participant: 'a', value: 2 },
        { participant: 'b', value: 4 },
      ],
    });
  });
});
