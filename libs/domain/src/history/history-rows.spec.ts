import { charterHistoryScheme } from '../testing/charter-scheme';
import { historicCycles } from './historic-cycles';
import { columnLetter, HistoryProblem, readHistoryRows } from './history-rows';
import { HistoryScheme } from './history-scheme';

const scheme = charterHistoryScheme(2024);
const HEADER = ['city', 'cycle year', 'commitment', 'rating', 'text'];

function problemsOf(table: string[][], s: HistoryScheme = scheme): HistoryProblem[] {
  const read = readHistoryRows(table, s);
  expect(read.rows).toBeUndefined();
  return read.problems!;
}

function rowsOf(table: string[][], s: HistoryScheme = scheme) {
  const read = readHistoryRows(table, s);
  expect(read.problems).toBeUndefined();
  return read.rows!;
}

describe('readHistoryRows', () => {
  it('reads cities, years, commitments and ratings by key or by their names in any language', () => {
    const rows = rowsOf([
      HEADER,
      ['munich', '2013', 'diverse-workforce', 'partly', 'Intercultural opening of the administration'],
      ['München', '2015', 'Diverse workforce', 'Vollständig', 'Interkulturelle Öffnung abgeschlossen'],
      ['Munich', '2018', 'DIVERSE_WORKFORCE', 'Not yet', ''],
      ['  Malmo ', '2018', 'migrant-engagement', 'pas encore', 'Consultation planned'],
      ['Bruxelles', '2020', 'equal-access-to-services', '', 'Described only, not rated'],
      ['the hague', '2022', 'equality-in-procurement', 'NOT-APPLICABLE', 'Procurement is regional'],
    ]);
    expect(rows).toEqual([
      { participantKey: 'munich', year: 2013, questionKey: 'diverse-workforce', ratingKey: 'partly', text: 'Intercultural opening of the administration' },
      { participantKey: 'munich', year: 2015, questionKey: 'diverse-workforce', ratingKey: 'fully', text: 'Interkulturelle Öffnung abgeschlossen' },
      { participantKey: 'munich', year: 2018, questionKey: 'diverse-workforce', ratingKey: 'not-yet', text: '' },
      { participantKey: 'malmo', year: 2018, questionKey: 'migrant-engagement', ratingKey: 'not-yet', text: 'Consultation planned' },
      { participantKey: 'brussels', year: 2020, questionKey: 'equal-access-to-services', ratingKey: null, text: 'Described only, not rated' },
      { participantKey: 'the-hague', year: 2022, questionKey: 'equality-in-procurement', ratingKey: 'not-applicable', text: 'Procurement is regional' },
    ]);
  });

  it('finds the columns by their German or French headers, in any order, whatever their case and spacing', () => {
    const german = rowsOf([
      ['Bewertung', ' STADT ', 'Verpflichtung', 'Text', 'Zyklus-Jahr', 'Anmerkung'],
      ['Teilweise', 'Wien', 'diverse-supplier-base', 'Erste Schritte', '2020', 'a column the import ignores'],
    ]);
    const french = rowsOf([
      ['Ville', 'Année du cycle', 'Engagement', 'Évaluation', 'Texte'],
      ['Vienne', '2020', 'diverse-supplier-base', 'Partiellement', 'Premiers pas'],
    ]);
    expect(german).toEqual([{ participantKey: 'vienna', year: 2020, questionKey: 'diverse-supplier-base', ratingKey: 'partly', text: 'Erste Schritte' }]);
    expect(french).toEqual([{ participantKey: 'vienna', year: 2020, questionKey: 'diverse-supplier-base', ratingKey: 'partly', text: 'Premiers pas' }]);
  });

  it('names every missing column and every repeated one in row 1, and reads no row then', () => {
    expect(
      problemsOf([
        ['Stadt', 'Jahr', 'city', 'notes'],
        ['Berlin', '2015', 'Berlin', ''],
      ]),
    ).toEqual([
      { row: 1, column: 'C (city)', rule: 'duplicate-column', message: 'names the city column again (already A (Stadt)): keep one' },
      { row: 1, column: 'commitment', rule: 'missing-column', message: expect.stringContaining('"commitment", "question", "Verpflichtung"') },
      { row: 1, column: 'rating', rule: 'missing-column', message: expect.stringContaining('no column is headed rating') },
      { row: 1, column: 'text', rule: 'missing-column', message: expect.stringContaining('"Beschreibung"') },
    ]);
    expect(problemsOf([]).map((p) => p.column)).toEqual(['city', 'cycle year', 'commitment', 'rating', 'text']);
  });

  it('names every problem of every row by row and column, skips empty rows, and returns no row at all', () => {
    const problems = problemsOf([
      HEADER,
      ['berlin', '2015', 'diverse-workforce', 'fully', 'fine on its own'],
      ['', '', '', '', ''],
      ['Atlantis', '15', 'world-peace', 'mostly', 'text'],
      ['   ', ' '],
      ['paris', '2009', 'diverse-workforce', 'partly', ''],
      ['', '2031', '', '', ''],
      ['Berlin', '2015', 'diverse-workforce', 'partly', 'the same answer again'],
      ['rome', '2015.0', 'diverse-workforce', 'fully', 'x', 'spilled, unquoted comma'],
    ]);
    expect(problems).toEqual([
      { row: 4, column: 'A (city)', rule: 'unknown-city', message: expect.stringContaining('"Atlantis" is not a city of this programme') },
      { row: 4, column: 'B (cycle year)', rule: 'not-a-year', message: '"15" is not a year: write four digits, e.g. 2015' },
      { row: 4, column: 'C (commitment)', rule: 'unknown-commitment', message: expect.stringContaining('"world-peace" is not a commitment') },
      {
        row: 4,
        column: 'D (rating)',
        rule: 'unknown-rating',
        message: expect.stringContaining('"mostly" is not a rating level: use one of fully, partly, not-yet, not-applicable'),
      },
      { row: 6, column: 'B (cycle year)', rule: 'year-out-of-range', message: '2009 is outside the years that may be imported, 2010 to 2024' },
      { row: 7, column: 'A (city)', rule: 'required', message: expect.stringContaining('is empty') },
      { row: 7, column: 'B (cycle year)', rule: 'year-out-of-range', message: expect.stringContaining('2031') },
      { row: 7, column: 'C (commitment)', rule: 'required', message: expect.stringContaining('is empty') },
      { row: 7, column: 'D (rating)', rule: 'rating-or-text-required', message: 'is empty and so is the text: give a rating, a text or both' },
      { row: 8, column: 'C (commitment)', rule: 'duplicate-answer', message: 'repeats row 2: berlin, 2015, diverse-workforce may be answered once' },
      { row: 9, column: 'B (cycle year)', rule: 'not-a-year', message: expect.stringContaining('"2015.0"') },
      { row: 9, column: 'F', rule: 'cell-without-column', message: expect.stringContaining('"spilled, unquoted comma" under no header') },
    ]);
  });

  it('holds texts to the text rule and the longest text allowed, and shows bad characters as code points', () => {
    const problems = problemsOf(
      [
        HEADER,
        ['oslo', '2020', 'diverse-workforce', 'fully', 'evil \u202e txt.exe'],
        ['oslo', '2022', 'diverse-workforce', 'fully', '12345678901'],
        ['oslo', '2018', 'diverse-workforce', 'fully', 'ten chars\n'],
        ['oslo\u0007', '2013', 'diverse-workforce', 'fully', 'Line one\r\nline two'],
      ],
      { ...scheme, maxTextLength: 10 },
    );
    expect(problems).toEqual([
      { row: 2, column: 'E (text)', rule: 'text-characters', message: expect.stringContaining('found U+202E at position 5') },
      { row: 2, column: 'E (text)', rule: 'too-long', message: 'holds 14 characters: at most 10' },
      { row: 3, column: 'E (text)', rule: 'too-long', message: 'holds 11 characters: at most 10' },
      { row: 5, column: 'A (city)', rule: 'unknown-city', message: expect.stringContaining('"osloU+0007" is not a city') },
      { row: 5, column: 'E (text)', rule: 'too-long', message: 'holds 17 characters: at most 10' },
    ]);
  });

  it('keeps line breaks inside a text, as LF', () => {
    expect(rowsOf([HEADER, ['oslo', '2013', 'diverse-workforce', '', 'Line one\r\nline two\rthree']])[0].text).toBe('Line one\nline two\nthree');
  });

  it('refuses a name that two participants share, naming both', () => {
    const shared: HistoryScheme = {
      ...scheme,
      participants: [
        { key: 'frankfurt-main', name: 'Frankfurt' },
        { key: 'frankfurt-oder', name: { en: 'Frankfurt', de: 'Frankfurt (Oder)' } },
      ],
    };
    expect(problemsOf([HEADER, ['Frankfurt', '2015', 'diverse-workforce', 'fully', '']], shared)).toEqual([
      { row: 2, column: 'A (city)', rule: 'ambiguous-city', message: '"Frankfurt" names more than one city (frankfurt-main, frankfurt-oder): use the key' },
    ]);
    expect(rowsOf([HEADER, ['frankfurt-oder', '2015', 'diverse-workforce', 'fully', '']], shared)[0].participantKey).toBe('frankfurt-oder');
  });

  it('reads a header with no rows as no rows', () => {
    expect(rowsOf([HEADER, ['', '']])).toEqual([]);
  });
});

describe('columnLetter', () => {
  it('counts as spreadsheets do', () => {
    expect([0, 4, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'E', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('historicCycles', () => {
  it('groups answers into one read-only cycle per year, oldest first, participants by key, answers in file order', () => {
    const rows = rowsOf([
      HEADER,
      ['vienna', '2015', 'diverse-workforce', 'partly', 'b'],
      ['amsterdam', '2015', 'migrant-engagement', 'fully', 'a2'],
      ['amsterdam', '2013', 'diverse-workforce', 'not-yet', 'old'],
      ['amsterdam', '2015', 'communicate-equal-opportunities', '', 'a1'],
    ]);
    const cycles = historicCycles(rows);
    expect(cycles).toEqual([
      {
        kind: 'historic',
        year: 2013,
        participations: [{ participantKey: 'amsterdam', answers: [{ questionKey: 'diverse-workforce', ratingKey: 'not-yet', text: 'old' }] }],
      },
      {
        kind: 'historic',
        year: 2015,
        participations: [
          {
            participantKey: 'amsterdam',
            answers: [
              { questionKey: 'migrant-engagement', ratingKey: 'fully', text: 'a2' },
              { questionKey: 'communicate-equal-opportunities', ratingKey: null, text: 'a1' },
            ],
          },
          { participantKey: 'vienna', answers: [{ questionKey: 'diverse-workforce', ratingKey: 'partly', text: 'b' }] },
        ],
      },
    ]);
    expect(Object.isFrozen(cycles[1].participations[0].answers)).toBe(true);
    expect(() => (cycles[1].participations[0].answers as unknown[]).push({})).toThrow();
  });

  it('makes no cycle of no rows', () => {
    expect(historicCycles([])).toEqual([]);
  });
});
