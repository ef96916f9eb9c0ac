import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import { InvalidError } from '../errors';

/**
 * A history file (docs/guide/history-import.md) as the table `readHistoryRows` checks: its rows
 * as a spreadsheet shows them, each a list of cell texts, `table[i]` being row i + 1. The format
 * is told by the content, not the file's name: an XLSX is a zip archive, anything else is read
 * as CSV. A file that cannot be read as either is refused with an `InvalidError` saying why.
 */
export async function readHistoryTable(bytes: Uint8Array): Promise<string[][]> {
  if (startsWith(bytes, ZIP)) return xlsxTable(bytes);
  if (startsWith(bytes, OLE)) throw invalid('is an Excel 97–2003 workbook (.xls), which is not read: save it as an Excel workbook (.xlsx) or as CSV UTF-8');
  return csvTable(bytes);
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function invalid(message: string): InvalidError {
  return new InvalidError([{ path: '', message: `The history file ${message}` }]);
}

/**
 * A CSV file (RFC 4180: fields in double quotes may hold separators, quotes doubled and line
 * breaks) in UTF-8, with or without a byte order mark, its separator a comma, a semicolon (what
 * Excel writes where the comma is the decimal mark) or a tab, told by the header row. A quote
 * inside an unquoted field is kept as a character, as spreadsheets read it. Empty lines stay
 * rows, so row numbers are those a spreadsheet shows when it opens the file.
 */
export function csvTable(bytes: Uint8Array): string[][] {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) throw invalid('is UTF-16 ("Unicode text"), which is not read: save it as CSV UTF-8');
  let text: string;
  try {
    // `fatal`: a file in another encoding (Windows-1252, what Excel's plain "CSV" writes) is refused, not read as garbled names.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('is not UTF-8 text: save it as CSV UTF-8, or as an Excel workbook (.xlsx)');
  }
  try {
    return parse(text, { bom: true, delimiter: separatorOf(text), relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  } catch (e) {
    const records = (e as { records?: number }).records;
    const where = typeof records === 'number' ? `in row ${records + 1}` : 'somewhere';
    throw invalid(`cannot be read as CSV ${where}: ${(e as Error).message}`);
  }
}

const SEPARATORS = [',', ';', '\t'] as const;

/** The separator the header row uses most outside quotes; a comma when it uses none. */
export function separatorOf(text: string): string {
  const counts = new Map<string, number>(SEPARATORS.map((s) => [s, 0]));
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  return SEPARATORS.reduce((best, s) => (counts.get(s)! > counts.get(best)! ? s : best), SEPARATORS[0]);
}

/**
 * An XLSX workbook's first sheet, each cell as the text its value reads as (a formula's result,
 * a number as written without its display format, a rich text's characters); rows and cells
 * the sheet leaves out are empty texts.
 */
export async function xlsxTable(bytes: Uint8Array): Promise<string[][]> {
  // Loaded when a workbook is read: the processes that never read one do not pay for the library.
  const { Workbook } = await import('exceljs');
  const workbook = new Workbook();
  try {
    // exceljs types its argument as its own `Buffer` (an ArrayBuffer); it reads a Node Buffer as it is.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw invalid(`cannot be read as an Excel workbook (.xlsx): ${(e as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw invalid('is a workbook without a sheet');
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.findRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= (row?.cellCount ?? 0); c++) cells.push(row!.findCell(c)?.text ?? '');
    table.push(cells);
  }
  return table;
}
