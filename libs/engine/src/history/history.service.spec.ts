import { Questionnaire } from '@pact/domain';
import { EventRepository, HistoricCycleRecord, HistoricCycleRepository, HistoryImportRepository } from '@pact/persistence';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ConflictError, ForbiddenError } from '../errors';
import { IndicatorCatalog } from '../indicators/indicator-catalog';
import { ObservationService } from '../observations/observation.service';
import { ProgrammeCatalog } from '../programmes/programme-catalog';
import { QuestionnaireCatalog } from '../questionnaires/questionnaire-catalog';
import { newTestService } from '../testing/service-doubles';
import { WorkingGroupService } from '../working-groups/working-group.service';
import { HistoryFileProblemsError, HistoryService } from './history.service';

const charter = parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'config', 'programmes', 'charter.questionnaire.yaml'), 'utf8')) as Questionnaire;
const committee = { actor: 'user:c', roles: ['committee' as const], committeeOf: ['charter'] };
const csv = (...rows: string[]) => Buffer.from(['city,cycle year,commitment,rating,text', ...rows].join('\n'));
const GOOD = csv(
  'Ghent,2013,diverse-workforce,partly,Anonymous applications',
  'Ghent,2015,diverse-workforce,fully,',
  'Malmö,2015,migrant-engagement,not-yet,Planned',
);

function setUp() {
  const t = newTestService(HistoryService, { now: new Date('2024-06-01T00:00:00Z') });
  const programmes = t.double(ProgrammeCatalog);
  programmes.known.mockReturnValue({ key: 'charter' } as never);
  programmes.roundOf.mockReturnValue({ questionnaire: 'charter-self-evaluation', everyMonths: 24, surveyMonths: 4 });
  t.double(QuestionnaireCatalog).get.mockReturnValue(charter);
  t.double(WorkingGroupService).list.mockResolvedValue([
    { key: 'ghent', fieldOfAction: { en: 'Ghent', de: 'Gent', fr: 'Gand' } },
    { key: 'malmo', fieldOfAction: 'Malmö' },
  ] as never);
  t.double(IndicatorCatalog).of.mockReturnValue({
    programme: 'charter',
    indicators: ['diverse-workforce', 'migrant-engagement'].map((code) => ({ code })),
  } as never);
  const cycles = t.double(HistoricCycleRepository);
  cycles.findYears.mockResolvedValue([]);
  cycles.stage.mockResolvedValue(true);
  cycles.commit.mockResolvedValue(true);
  const imports = t.double(HistoryImportRepository);
  imports.move.mockResolvedValue(true);
  return { ...t, cycles, imports, observations: t.double(ObservationService), events: t.double(EventRepository) };
}

const stored = (
  year: number,
  importId: string,
  participations: HistoricCycleRecord['current'] extends infer C ? (C extends { participations: infer P } ? P : never) : never,
): HistoricCycleRecord => ({
  id: `charter:${year}`,
  programme: 'charter',
  year,
  current: { importId, importedAt: new Date('2024-01-01T00:00:00Z'), importedBy: 'user:c', participants: participations.length, answers: 1, participations },
  staged: null,
});

describe('HistoryService.import', () => {
  it('stages every year, commits them after the commit point, records their observations and appends one event', async () => {
    const t = setUp();
    // After the commit, the repository reads back what this import stored.
    t.cycles.findYears.mockResolvedValueOnce([]).mockImplementation(async () => {
      const importId = t.imports.insert.mock.calls[0][0].id;
      return t.cycles.stage.mock.calls.map(([, year, content]) => stored(year, importId, content.participations));
    });
    const summary = await t.service.import('charter', GOOD, committee);

    expect(summary.years).toEqual([
      { year: 2013, participants: 1, answers: 1, replaced: false },
      { year: 2015, participants: 2, answers: 2, replaced: false },
    ]);
    const record = t.imports.insert.mock.calls[0][0];
    expect(record).toMatchObject({ programme: 'charter', years: [2013, 2015], replace: false, by: 'user:c', state: 'staging', answers: 3 });
    expect(t.cycles.stage.mock.calls.map(([p, y, c, replace]) => [p, y, c.importId, replace])).toEqual([
      ['charter', 2013, record.id, false],
      ['charter', 2015, record.id, false],
    ]);
    // Intent, staging, commit point, then the effects: in that order.
    const order = (m: jest.Mock) => m.mock.invocationCallOrder[0];
    expect(order(t.imports.insert)).toBeLessThan(order(t.cycles.stage));
    expect(t.imports.move.mock.calls.map(([, from, to]) => [from, to])).toEqual([
      ['staging', 'committing'],
      ['committing', 'done'],
    ]);
    expect(order(t.imports.move)).toBeLessThan(order(t.cycles.commit));
    expect(t.cycles.commit.mock.calls.map(([, y]) => y)).toEqual([2013, 2015]);
    const observations = t.observations.record.mock.calls[0][0];
    expect(observations.map((o) => [o.participant, o.indicator, o.period.key, o.value, o.provenance.kind])).toEqual([
      ['ghent', 'diverse-workforce', '2013', 2, 'import'],
      ['ghent', 'diverse-workforce', '2015', 3, 'import'],
      ['malmo', 'migrant-engagement', '2015', 1, 'import'],
    ]);
    expect(summary.observations).toBe(3);
    expect(t.events.append).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'history.imported', actor: 'user:c', dedupeKey: `history-imported-${record.id}` }),
    );
  });

  it('names every problem by row and column, and stores nothing', async () => {
    const t = setUp();
    const err = await t.service
      .import('charter', csv('Ghent,2013,diverse-workforce,partly,ok', 'Atlantis,2015,diverse-workforce,mostly,x'), committee)
      .catch((e) => e);
    expect(err).toBeInstanceOf(HistoryFileProblemsError);
    expect((err as HistoryFileProblemsError).rowProblems.map((p) => [p.row, p.column, p.rule])).toEqual([
      [3, 'A (city)', 'unknown-city'],
      [3, 'D (rating)', 'unknown-rating'],
    ]);
    expect(t.imports.insert).not.toHaveBeenCalled();
    expect(t.cycles.stage).not.toHaveBeenCalled();
  });

  it('refuses a year already imported, naming it, unless told to replace; nothing is written', async () => {
    const t = setUp();
    t.cycles.findYears.mockResolvedValue([stored(2015, 'earlier', [])]);
    await expect(t.service.import('charter', GOOD, committee)).rejects.toBeInstanceOf(ConflictError);
    await expect(t.service.import('charter', GOOD, committee)).rejects.toThrow(/the year 2015 of "charter" is imported already/);
    expect(t.imports.insert).not.toHaveBeenCalled();
  });

  it('replaces a year when asked, withdrawing the values the new file no longer gives', async () => {
    const t = setUp();
    const earlier = stored(2015, 'earlier', [{ participantKey: 'ghent', answers: [{ questionKey: 'migrant-engagement', ratingKey: 'fully', text: '' }] }]);
    t.cycles.findYears.mockResolvedValueOnce([earlier]).mockResolvedValue([]);
    const summary = await t.service.import('charter', GOOD, committee, { replace: true });
    expect(summary.years.find((y) => y.year === 2015)?.replaced).toBe(true);
    expect(t.imports.insert.mock.calls[0][0].cleared).toEqual([{ participant: 'ghent', indicator: 'migrant-engagement', year: 2015 }]);
    expect(t.cycles.stage.mock.calls.every(([, , , replace]) => replace === true)).toBe(true);
    expect(t.observations.record.mock.calls[0][0]).toContainEqual(
      expect.objectContaining({ participant: 'ghent', indicator: 'migrant-engagement', value: null }),
    );
  });

  it('undoes what it staged when another import took a year meanwhile', async () => {
    const t = setUp();
    t.cycles.stage.mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    await expect(t.service.import('charter', GOOD, committee)).rejects.toThrow(/nothing was imported/);
    expect(t.cycles.unstage.mock.calls.map(([, y]) => y)).toEqual([2013, 2015]);
    expect(t.imports.move).toHaveBeenCalledWith(expect.any(String), 'staging', 'undone', expect.any(Date));
    expect(t.cycles.commit).not.toHaveBeenCalled();
    expect(t.observations.record).not.toHaveBeenCalled();
  });

  it("lets only the programme's committee and operators import", async () => {
    const t = setUp();
    await expect(t.service.import('charter', GOOD, { actor: 'user:p', roles: ['committee'], committeeOf: ['pact'] })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(t.service.import('charter', GOOD, { actor: 'user:g', roles: ['chair'], committeeOf: [] })).rejects.toBeInstanceOf(ForbiddenError);
    expect(t.imports.insert).not.toHaveBeenCalled();
  });
});

describe('HistoryService.latestBefore', () => {
  it("gives the newest historic cycle before the year, each city's answers as the questionnaire's", async () => {
    const t = setUp();
    t.cycles.latestBefore.mockResolvedValue(
      stored(2020, 'i', [
        {
          participantKey: 'ghent',
          answers: [
            { questionKey: 'diverse-workforce', ratingKey: 'partly', text: 'Anonymous applications' },
            { questionKey: 'migrant-engagement', ratingKey: null, text: 'Only told' },
          ],
        },
      ]),
    );
    expect(await t.service.latestBefore('charter', 2022)).toEqual({
      year: 2020,
      answers: {
        ghent: {
          'take-part': true,
          'diverse-workforce': 'partly',
          'diverse-workforce-measures': 'Anonymous applications',
          'migrant-engagement-measures': 'Only told',
        },
      },
    });
    expect(t.cycles.latestBefore).toHaveBeenCalledWith('charter', 2022);
    t.cycles.latestBefore.mockResolvedValue(null);
    expect(await t.service.latestBefore('charter', 2013)).toBeNull();
  });
});

describe('HistoryService.sweep', () => {
  it('finishes an import left committing and undoes one left staging, after the grace period', async () => {
    const t = setUp();
    const old = new Date(Date.now() - 3_600_000);
    const base = { programme: 'charter', years: [2013], replace: false, by: 'user:c', at: old, cleared: [], answers: 1 };
    t.imports.unfinished.mockResolvedValue([
      { ...base, id: 'a', state: 'committing', changedAt: old },
      { ...base, id: 'b', state: 'staging', changedAt: old },
      { ...base, id: 'c', state: 'staging', changedAt: new Date() },
    ]);
    expect(await t.service.sweep()).toBe(2);
    expect(t.cycles.commit).toHaveBeenCalledWith('charter', 2013, 'a');
    expect(t.cycles.unstage).toHaveBeenCalledWith('charter', 2013, 'b');
    expect(t.cycles.unstage).not.toHaveBeenCalledWith('charter', 2013, 'c');
    expect(t.imports.move).toHaveBeenCalledWith('a', 'committing', 'done', expect.any(Date));
  });
});
