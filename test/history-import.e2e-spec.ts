import { HistoryService, IdentityService } from '@pact/engine';
import { HistoricCycleRepository, HistoryImportRepository } from '@pact/persistence';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EngineHarness } from './support/engine-harness';

const SAMPLE = join(__dirname, '..', 'config', 'history', 'charter-history.sample.csv');
const csv = (...rows: string[]) => ['city,cycle year,commitment,rating,text', ...rows].join('\n');

/**
 * History import (issue 19, point 7) over HTTP, on real MongoDB-wire storage: the Charter's past
 * cycles from a file, all or nothing, each problem named by row and column; a year is imported
 * once unless the committee replaces it; only the programme's committee (and operators) import.
 */
describe('history import (e2e)', () => {
  const h = new EngineHarness({ worker: false });
  let charter: ReturnType<EngineHarness['agent']>;

  beforeAll(async () => {
    await h.start();
    const identity = h.api.get(IdentityService);
    const user = await identity.createUser(
      { name: 'Charter committee', email: 'charter.history@test.example.org', roles: ['committee'], committeeOf: ['charter'] },
      'test',
    );
    charter = h.agent((await identity.issueToken(user.id, 'test', 30, 'test')).token);
  }, 90_000);
  afterAll(() => h.stop(), 60_000);

  it('imports the sample file: five years listed, the observations queryable, the trend starting at 2013', async () => {
    const res = await charter.post('/api/history?programme=charter').attach('file', SAMPLE).expect(201);
    expect(res.body.years.map((y: any) => [y.year, y.participants, y.replaced])).toEqual([
      [2013, 22, false],
      [2015, 20, false],
      [2018, 18, false],
      [2020, 22, false],
      [2022, 21, false],
    ]);
    expect(res.body.answers).toBe(1133);

    const years = (await charter.get('/api/history?programme=charter').expect(200)).body;
    expect(years.map((y: any) => y.year)).toEqual([2022, 2020, 2018, 2015, 2013]);
    expect(years[0]).toMatchObject({ importId: res.body.importId, participants: 21, answers: 231 });
    expect(years[0]).not.toHaveProperty('participations');

    // Amsterdam's diverse workforce: not yet, not yet, partly, fully, partly (scores 1, 1, 2, 3, 2).
    const series = (await charter.get('/api/indicators/diverse-workforce/series?programme=charter&participant=amsterdam').expect(200)).body;
    expect(series.values.map((v: any) => [v.period.key, v.value, v.provenance.kind])).toEqual([
      ['2013', 1, 'import'],
      ['2015', 1, 'import'],
      ['2018', 2, 'import'],
      ['2020', 3, 'import'],
      ['2022', 2, 'import'],
    ]);
    // Stored by key, committed, the import finished and told in the event log.
    const doc = await h.db.collection('historic_cycles').findOne({ _id: 'charter:2013' as never });
    expect(doc).toMatchObject({ programme: 'charter', year: 2013, staged: null, current: { importId: res.body.importId, participants: 22 } });
    expect(await h.db.collection('history_imports').findOne({ _id: res.body.importId as never })).toMatchObject({
      state: 'done',
      years: [2013, 2015, 2018, 2020, 2022],
    });
    expect(await h.db.collection('events').countDocuments({ type: 'history.imported', 'data.importId': res.body.importId })).toBe(1);

    // What the network report of the 2024 round compares with: 2022, as the questionnaire's answers.
    const before = await h.api.get(HistoryService).latestBefore('charter', 2024);
    expect(before?.year).toBe(2022);
    expect(before?.answers.amsterdam).toMatchObject({
      'take-part': true,
      'diverse-workforce': 'partly',
      'diverse-workforce-measures': 'Diversity monitoring started; senior levels still homogeneous',
    });
  }, 120_000);

  it('imports nothing from a file with one bad row, naming its row and column', async () => {
    const imports = await h.db.collection('history_imports').countDocuments();
    const res = await charter
      .post('/api/history?programme=charter')
      .set('Content-Type', 'text/csv')
      .send(csv('Ghent,2011,diverse-workforce,partly,Fine', 'Ghent,2012,diverse-workforce,mostly,The bad row', 'Leipzig,2012,diverse-workforce,fully,'))
      .expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 3, column: 'D (rating)', rule: 'unknown-rating', message: expect.stringContaining('"mostly" is not a rating level') }),
    ]);
    expect(res.body.detail).toContain('nothing was imported');
    expect(await h.db.collection('historic_cycles').countDocuments({ year: { $in: [2011, 2012] } })).toBe(0);
    expect(await h.db.collection('history_imports').countDocuments()).toBe(imports);
    expect((await charter.get('/api/history?programme=charter').expect(200)).body.map((y: any) => y.year)).not.toContain(2011);
  });

  it('refuses a year imported already, naming it, and stores none of the file; replaces it all when asked', async () => {
    const file = csv('Ghent,2010,diverse-workforce,fully,New year', 'Amsterdam,2015,diverse-workforce,fully,Revised answer');
    const refused = await charter.post('/api/history?programme=charter').set('Content-Type', 'text/csv').send(file).expect(409);
    expect(refused.body.detail).toContain('the year 2015 of "charter" is imported already');
    expect(await h.db.collection('historic_cycles').countDocuments({ _id: 'charter:2010' as never })).toBe(0);

    const replaced = await charter.post('/api/history?programme=charter&replace=true').set('Content-Type', 'text/csv').send(file).expect(201);
    expect(replaced.body.years.map((y: any) => [y.year, y.replaced])).toEqual([
      [2010, false],
      [2015, true],
    ]);
    // 2015 is now the new file's alone: Amsterdam rated fully; what the old 2015 said of other cities is withdrawn.
    const amsterdam = (await charter.get('/api/indicators/diverse-workforce/series?programme=charter&participant=amsterdam').expect(200)).body;
    expect(amsterdam.values.map((v: any) => [v.period.key, v.value])).toEqual([
      ['2013', 1],
      ['2015', 3],
      ['2018', 2],
      ['2020', 3],
      ['2022', 2],
    ]);
    const peers2015 = (await charter.get('/api/indicators/diverse-workforce/peers?programme=charter&period=2015').expect(200)).body;
    expect(peers2015.values.map((v: any) => v.participant)).toEqual(['amsterdam']);
    const years = (await charter.get('/api/history?programme=charter').expect(200)).body;
    expect(years.map((y: any) => y.year)).toEqual([2022, 2020, 2018, 2015, 2013, 2010]);
    expect(years.find((y: any) => y.year === 2015)).toMatchObject({ importId: replaced.body.importId, participants: 1 });
  }, 120_000);

  it('imports an XLSX workbook sent as the body with its type', async () => {
    const { Workbook } = await import('exceljs');
    const workbook = new Workbook();
    const sheet = workbook.addWorksheet('Cities');
    sheet.addRow(['Stadt', 'Zyklusjahr', 'Verpflichtung', 'Bewertung', 'Text']);
    sheet.addRow(['Gent', 2016, 'diverse-workforce', 'Teilweise', 'Anonyme Bewerbungen']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await charter
      .post('/api/history?programme=charter')
      .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(bytes)
      .expect(201);
    expect(res.body.years).toEqual([{ year: 2016, participants: 1, answers: 1, replaced: false }]);
    const ghent = (await charter.get('/api/indicators/diverse-workforce/series?programme=charter&participant=ghent').expect(200)).body;
    expect(ghent.values.map((v: any) => [v.period.key, v.value])).toContainEqual(['2016', 2]);
  });

  it('after a crash, finishes an import past its commit point and undoes one before it: no year is half there', async () => {
    const long = new Date(Date.now() - 3_600_000);
    const content = (importId: string, city: string) => ({
      importId,
      importedAt: long,
      importedBy: 'user:crashed',
      participants: 1,
      answers: 1,
      participations: [{ participantKey: city, answers: [{ questionKey: 'diverse-workforce', ratingKey: 'fully', text: '' }] }],
    });
    const record = (id: string, year: number, state: 'staging' | 'committing') => ({
      id,
      programme: 'charter',
      years: [year],
      replace: false,
      by: 'user:crashed',
      at: long,
      state,
      changedAt: long,
      cleared: [],
      answers: 1,
    });
    // As a process that died: one import staged its year and never reached the commit point, the other passed it.
    const cycles = h.api.get(HistoricCycleRepository);
    await h.api.get(HistoryImportRepository).insert(record('crashed-before', 2012, 'staging'));
    expect(await cycles.stage('charter', 2012, content('crashed-before', 'ghent'), false)).toBe(true);
    await h.api.get(HistoryImportRepository).insert(record('crashed-after', 2011, 'committing'));
    expect(await cycles.stage('charter', 2011, content('crashed-after', 'bristol'), false)).toBe(true);
    // Staged years are not there for readers yet.
    expect((await charter.get('/api/history?programme=charter').expect(200)).body.map((y: any) => y.year)).not.toContain(2011);

    expect(await h.api.get(HistoryService).sweep()).toBe(2);
    const years = (await charter.get('/api/history?programme=charter').expect(200)).body.map((y: any) => y.year);
    expect(years).toContain(2011);
    expect(years).not.toContain(2012);
    expect(await h.db.collection('historic_cycles').findOne({ _id: 'charter:2012' as never })).toBeNull();
    const states = await h.db
      .collection('history_imports')
      .find({ _id: { $in: ['crashed-before', 'crashed-after'] as never[] } })
      .toArray();
    expect(Object.fromEntries(states.map((d) => [d._id, d.state]))).toEqual({ 'crashed-before': 'undone', 'crashed-after': 'done' });
    const bristol = (await charter.get('/api/indicators/diverse-workforce/series?programme=charter&participant=bristol').expect(200)).body;
    expect(bristol.values.map((v: any) => [v.period.key, v.value])).toContainEqual(['2011', 3]);
    expect(await h.api.get(HistoryService).sweep()).toBe(0);
  });

  it("keeps another programme's committee and the chairs out: 403 to import, 404 to list", async () => {
    const file = csv('Ghent,2014,diverse-workforce,fully,');
    const pact = await h.http.post('/api/history?programme=charter').set('Content-Type', 'text/csv').send(file).expect(403);
    expect(pact.body.detail).toContain('committee of the programme "charter"');
    await h.http.get('/api/history?programme=charter').expect(404);
    const chair = await h.chair('education');
    await chair.post('/api/history?programme=charter').set('Content-Type', 'text/csv').send(file).expect(403);
    await chair.get('/api/history?programme=charter').expect(404);
    expect(await h.db.collection('historic_cycles').countDocuments({ year: 2014 })).toBe(0);
  });

  it('names bad requests: no programme, an unknown one, one without a questionnaire, an unreadable file, a JSON body', async () => {
    const operator = h.agent(await h.tokenFor(['operator']));
    expect((await operator.get('/api/history').expect(400)).body.detail).toContain('programme');
    expect((await operator.get('/api/history?programme=nowhere').expect(400)).body.detail).toContain('unknown programme "nowhere"');
    const pact = await operator.post('/api/history?programme=pact').set('Content-Type', 'text/csv').send(csv('education,2015,x,fully,')).expect(400);
    expect(pact.body.detail).toContain('"pact" has no questionnaire');
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const old = await operator.post('/api/history?programme=charter').attach('file', xls, 'old.xls').expect(400);
    expect(old.body.detail).toContain('.xls');
    await operator.post('/api/history?programme=charter').send({ file: 'x' }).expect(415);
    expect(readFileSync(SAMPLE).length).toBeLessThan(5 * 1024 * 1024);
  });
});
