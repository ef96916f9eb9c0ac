import { historicCycles, readHistoryRows } from '@pact/domain';
import { charterHistoryScheme } from '@pact/domain/testing/charter-scheme';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvalidError } from '../errors';
import { csvTable, readHistoryTable, separatorOf } from './history-file';

const scheme = charterHistoryScheme(2024);
const SAMPLE = resolve(__dirname, '../../../../config/history/charter-history.sample.csv');

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'history-file-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The file as written to disk and read back, as an upload or the CLI would have it. */
function fileOf(name: string, content: string | Uint8Array): Uint8Array {
  const path = join(dir, name);
  writeFileSync(path, content);
  return readFileSync(path);
}

async function refusal(bytes: Uint8Array): Promise<string> {
  const e = await readHistoryTable(bytes).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InvalidError);
  return (e as InvalidError).message;
}

describe('CSV history files', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF rows and a BOM', async () => {
    const bytes = fileOf(
      'excel.csv',
      '\uFEFFcity,cycle year,commitment,rating,text\r\n' +
        'Munich,2015,diverse-workforce,partly,"Targets set, not met; ""intercultural opening"" goes on"\r\n' +
        'Malmö,2015,migrant-engagement,fully,"Line one\r\nLine two"\r\n',
    );
    const table = await readHistoryTable(bytes);
    expect(table).toEqual([
      ['city', 'cycle year', 'commitment', 'rating', 'text'],
      ['Munich', '2015', 'diverse-workforce', 'partly', 'Targets set, not met; "intercultural opening" goes on'],
      ['Malmö', '2015', 'migrant-engagement', 'fully', 'Line one\r\nLine two'],
    ]);
    expect(readHistoryRows(table, scheme).rows).toEqual([
      {
        participantKey: 'munich',
        year: 2015,
        questionKey: 'diverse-workforce',
        ratingKey: 'partly',
        text: 'Targets set, not met; "intercultural opening" goes on',
      },
      { participantKey: 'malmo', year: 2015, questionKey: 'migrant-engagement', ratingKey: 'fully', text: 'Line one\nLine two' },
    ]);
  });

  it('reads a German Excel file: semicolons, a German header, commas inside texts, empty rows kept so row numbers match', async () => {
    const bytes = fileOf(
      'deutsch.csv',
      '\uFEFFStadt;Zyklusjahr;Verpflichtung;Bewertung;Text\r\n' +
        'München;2018;diverse-workforce;Teilweise;Anonyme Bewerbungen, zwei Ämter\r\n' +
        ';;;;\r\n' +
        '\r\n' +
        'Wien;2018;diverse-supplier-base;Noch nicht;"Zitat: ""noch offen""; Prüfung läuft"\r\n' +
        'Wien;2018;diverse-supplier-base;Vollständig;doppelt\r\n',
    );
    const table = await readHistoryTable(bytes);
    expect(table.map((r) => r.length)).toEqual([5, 5, 5, 1, 5, 5]);
    expect(table[4]).toEqual(['Wien', '2018', 'diverse-supplier-base', 'Noch nicht', 'Zitat: "noch offen"; Prüfung läuft']);
    // The empty rows 3 and 4 are skipped, and still counted: the repeated answer is the spreadsheet's row 6.
    expect(readHistoryRows(table, scheme).problems).toEqual([
      { row: 6, column: 'C (Verpflichtung)', rule: 'duplicate-answer', message: 'repeats row 5: vienna, 2018, diverse-supplier-base may be answered once' },
    ]);
  });

  it('tells the separator by the header row, not by what the texts hold', () => {
    expect(separatorOf('city,cycle year,commitment,rating,text\nMunich,2015,x,y,"a; b; c; d; e; f"')).toBe(',');
    expect(separatorOf('"city;";year;commitment;rating;text\n')).toBe(';');
    expect(separatorOf('city\tyear\tcommitment\trating\ttext\r\n')).toBe('\t');
    expect(separatorOf('city')).toBe(',');
  });

  it('names every bad row and column of a file, and imports none', async () => {
    const bytes = fileOf(
      'bad.csv',
      'City,Cycle Year,Commitment,Rating,Text\n' +
        'Berlin,2015,diverse-workforce,fully,This row alone is fine\n' +
        'Gotham,2015,diverse-workforce,fully,\n' +
        'Berlin,15,diverse-workforce,fully,short year\n' +
        'Berlin,2018,diverse-workforce,excellent,\n' +
        'Berlin,2018,world-peace,,\n' +
        'Berlin,2015,diverse-workforce,partly,the same answer again\n' +
        'Berlin,2020,diverse-workforce,fully,An unquoted, comma\n',
    );
    const read = readHistoryRows(await readHistoryTable(bytes), scheme);
    expect(read.rows).toBeUndefined();
    expect(read.problems!.map((p) => `${p.row} ${p.column} ${p.rule}`)).toEqual([
      '3 A (City) unknown-city',
      '4 B (Cycle Year) not-a-year',
      '5 D (Rating) unknown-rating',
      '6 C (Commitment) unknown-commitment',
      '6 D (Rating) rating-or-text-required',
      '7 C (Commitment) duplicate-answer',
      '8 F cell-without-column',
    ]);
  });

  it('refuses a file that is not UTF-8, or UTF-16, or not CSV, saying what to save it as', async () => {
    // "München" as Excel's plain "CSV" writes it, in Windows-1252: ü is the single byte 0xFC.
    const latin1 = fileOf('latin1.csv', Buffer.from('city,cycle year,commitment,rating,text\nM\u00fcnchen,2015,diverse-workforce,fully,x\n', 'latin1'));
    expect(await refusal(latin1)).toContain('is not UTF-8 text: save it as CSV UTF-8');
    const utf16 = fileOf('utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('city\tyear\n', 'utf16le')]));
    expect(await refusal(utf16)).toContain('is UTF-16');
    const unclosed = fileOf(
      'unclosed.csv',
      'city,cycle year,commitment,rating,text\nBerlin,2015,diverse-workforce,fully,ok\nBerlin,2018,diverse-workforce,fully,"never closed\n',
    );
    expect(await refusal(unclosed)).toMatch(/cannot be read as CSV in row 3: .*Quote Not Closed/);
    expect(await refusal(fileOf('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).toContain('(.xls), which is not read');
  });

  it('reads a quote inside an unquoted field as a character, as spreadsheets do', () => {
    expect(csvTable(Buffer.from('a,b\n5" screen,x\n'))).toEqual([
      ['a', 'b'],
      ['5" screen', 'x'],
    ]);
  });
});

describe('XLSX history files', () => {
  it("reads the first sheet's cells as text: numbers, rich text, formulas, gaps and empty rows", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Verlauf');
    sheet.addRow(['Stadt', 'Zyklusjahr', 'Verpflichtung', 'Bewertung', 'Text']);
    sheet.addRow(['München', 2013, 'diverse-workforce', 'Teilweise', 'Erste Schritte, "Pilot"\nzweite Zeile']);
    sheet.getCell('A4').value = 'Wien';
    sheet.getCell('B4').value = { formula: '2013+2', result: 2015 };
    sheet.getCell('C4').value = 'diverse-supplier-base';
    sheet.getCell('D4').value = { richText: [{ text: 'Noch ' }, { text: 'nicht', font: { bold: true } }] };
    sheet.getCell('A5').value = 'Wien';
    sheet.getCell('B5').value = 2015;
    sheet.getCell('C5').value = 'diverse-workforce';
    sheet.getCell('E5').value = 'Only a text';
    workbook.addWorksheet('Other').addRow(['not', 'read']);
    const bytes = fileOf('history.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));

    const table = await readHistoryTable(bytes);
    expect(table).toEqual([
      ['Stadt', 'Zyklusjahr', 'Verpflichtung', 'Bewertung', 'Text'],
      ['München', '2013', 'diverse-workforce', 'Teilweise', 'Erste Schritte, "Pilot"\nzweite Zeile'],
      [],
      ['Wien', '2015', 'diverse-supplier-base', 'Noch nicht'],
      ['Wien', '2015', 'diverse-workforce', '', 'Only a text'],
    ]);
    const cycles = historicCycles(readHistoryRows(table, scheme).rows!);
    expect(cycles.map((c) => [c.year, c.participations.map((p) => [p.participantKey, p.answers.map((a) => a.ratingKey)])])).toEqual([
      [2013, [['munich', ['partly']]]],
      [2015, [['vienna', ['not-yet', null]]]],
    ]);
  });

  it('names the cell of a bad row in a workbook by row and column', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Cycles');
    sheet.addRow(['city', 'cycle year', 'commitment', 'rating', 'text']);
    sheet.addRow(['Berlin', 2015, 'diverse-workforce', 'fully', 'fine']);
    sheet.addRow(['Berlin', 2015, 'diverse-workforce', 'maybe', 'not a level']);
    const bytes = fileOf('bad.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(readHistoryRows(await readHistoryTable(bytes), scheme).problems).toEqual([
      { row: 3, column: 'C (commitment)', rule: 'duplicate-answer', message: expect.stringContaining('repeats row 2') },
      { row: 3, column: 'D (rating)', rule: 'unknown-rating', message: expect.stringContaining('"maybe" is not a rating level') },
    ]);
  });

  it('refuses a zip that is no workbook', async () => {
    const notAWorkbook = fileOf('broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]));
    expect(await refusal(notAWorkbook)).toContain('cannot be read as an Excel workbook (.xlsx)');
  });
});

describe('the sample history, config/history/charter-history.sample.csv', () => {
  it('reads with no problem against the Charter: five cycles from 2013, every answered city rating all 11 commitments', async () => {
    const read = readHistoryRows(await readHistoryTable(readFileSync(SAMPLE)), scheme);
    expect(read.problems).toBeUndefined();
    const cycles = historicCycles(read.rows!);
    expect(cycles.map((c) => [c.year, c.participations.length])).toEqual([
      [2013, 22],
      [2015, 20],
      [2018, 18],
      [2020, 22],
      [2022, 21],
    ]);
    for (const c of cycles) for (const p of c.participations) expect(p.answers).toHaveLength(11);
    const levels = new Set(read.rows!.map((r) => r.ratingKey));
    expect(levels).toEqual(new Set(['fully', 'partly', 'not-yet', 'not-applicable', null]));
    // Some cities rate a commitment differently from one cycle to the next: the trend the import is for.
    const ratingOf = (year: number, city: string, commitment: string) =>
      read.rows!.find((r) => r.year === year && r.participantKey === city && r.questionKey === commitment)?.ratingKey;
    const changed = read
      .rows!.filter((r) => r.year === 2022 && ratingOf(2013, r.participantKey, r.questionKey) !== undefined)
      .filter((r) => ratingOf(2013, r.participantKey, r.questionKey) !== r.ratingKey);
    expect(changed.length).toBeGreaterThan(10);
  });
});
