import { deflateRawSync } from 'node:zlib';
import { detectFileType, FileSample, safeFileName, TAIL_BYTES, TextCheck, zipEntryNames } from './file-types';

/** A file as the engine samples it while streaming, from its whole bytes. */
function sample(bytes: Buffer): FileSample {
  const text = new TextCheck();
  // Fed in small chunks, so characters and markers fall across chunk boundaries.
  for (let i = 0; i < bytes.length; i += 7) text.feed(bytes.subarray(i, i + 7));
  return { head: bytes.subarray(0, 4096), tail: bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), size: bytes.length, text: text.end() };
}

/** A real zip archive (local headers, central directory, end record) of these entries; the first one stored, the rest deflated. */
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  entries.forEach(([name, content], i) => {
    const raw = Buffer.from(content);
    const stored = i === 0;
    const data = stored ? raw : deflateRawSync(raw);
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(stored ? 0 : 8, 10);
    entry.writeUInt32LE(data.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  });
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452', 'hex'), Buffer.alloc(20)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), Buffer.alloc(20)]);
const DOCX = zip([
  ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
  ['_rels/.rels', '<Relationships/>'],
  ['word/document.xml', '<w:document/>'],
]);
const XLSX = zip([
  ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'],
  ['xl/workbook.xml', '<workbook/>'],
]);
const ODT = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.text'],
  ['content.xml', '<office:document-content/>'],
]);
const ODS = zip([
  ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
  ['content.xml', '<office:document-content/>'],
]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01]), Buffer.alloc(57)]);

describe('detectFileType: the type from the content, never the name', () => {
  it.each(
    [
      ['a PDF header', PDF, 'pdf'],
      ['a PNG signature', PNG, 'png'],
      ['a JPEG start of image', JPEG, 'jpeg'],
      ['a zip with [Content_Types].xml and word/document.xml', DOCX, 'docx'],
      ['a zip with [Content_Types].xml and xl/workbook.xml', XLSX, 'xlsx'],
      ['a zip whose first entry is the OpenDocument text mimetype', ODT, 'odt'],
      ['a zip whose first entry is the OpenDocument spreadsheet mimetype', ODS, 'ods'],
      ['CSV in UTF-8', Buffer.from('city,commitment,rating\nLeipzig,1,fully\nLyon,2,"partly, since 2019"\n'), 'text'],
      ['plain text with accents split across chunks', Buffer.from('Évaluation de la ville — Straße, Düsseldorf\r\n'.repeat(3)), 'text'],
    ].map(([what, bytes, type]) => ({ what, bytes, type })) as { what: string; bytes: Buffer; type: string }[],
  )('$what is $type', ({ bytes, type }) => {
    expect(detectFileType(sample(bytes))).toBe(type);
  });

  it.each(
    [
      ['a plain zip (a zip renamed .pdf)', zip([['report.pdf', 'not really']]), 'zip'],
      [
        '[Content_Types].xml without a known main part',
        zip([
          ['[Content_Types].xml', '<Types/>'],
          ['other/part.xml', '<x/>'],
        ]),
        'zip',
      ],
      ['an ELF executable', ELF, 'elf-executable'],
      ['a Windows executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]), 'windows-executable'],
      ['an HTML page', Buffer.from('<!DOCTYPE html>\n<html><script>alert(1)</script></html>'), 'html'],
      ['HTML after white space and a byte order mark', Buffer.from('\uFEFF\n  <html><body>hi</body></html>'), 'html'],
      ['an SVG image', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), 'xml'],
      ['a GIF image', Buffer.from('GIF89a\x01\x00\x01\x00'), 'gif'],
      ['bytes that are not UTF-8', Buffer.from([0x61, 0x62, 0xc3, 0x28, 0x63]), 'unknown'],
      ['text with a NUL byte', Buffer.from('abc\u0000def'), 'unknown'],
      ['an empty file', Buffer.alloc(0), 'unknown'],
    ].map(([what, bytes, type]) => ({ what, bytes, type })) as { what: string; bytes: Buffer; type: string }[],
  )('$what is $type', ({ bytes, type }) => {
    expect(detectFileType(sample(bytes))).toBe(type);
  });

  it('reads the entry names of a zip from its end, also when the directory begins before the tail would', () => {
    expect([...zipEntryNames(DOCX, DOCX.length)]).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    // Only the last 40 bytes: the directory starts earlier, so nothing can be read (and nothing is guessed).
    expect(zipEntryNames(DOCX.subarray(DOCX.length - 40), DOCX.length).size).toBe(0);
  });

  it('finds a docx whose directory follows a large body', () => {
    const big = zip([
      ['[Content_Types].xml', '<Types/>'],
      ['word/media/image1.png', 'x'.repeat(300_000)],
      ['word/document.xml', '<w:document/>'],
    ]);
    expect(detectFileType(sample(big))).toBe('docx');
  });
});

describe('TextCheck', () => {
  it('accepts a character cut across chunks and refuses one cut off at the end', () => {
    const ok = new TextCheck();
    const e = Buffer.from('é');
    ok.feed(e.subarray(0, 1));
    ok.feed(e.subarray(1));
    expect(ok.end()).toBe(true);
    const cut = new TextCheck();
    cut.feed(e.subarray(0, 1));
    expect(cut.end()).toBe(false);
  });
});

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'pdf', 'report.pdf'],
    ['C:\\Users\\me\\Documents\\plan.pdf', 'pdf', 'plan.pdf'],
    ['../../etc/passwd', 'text', 'passwd.txt'],
    ['photo.pdf', 'png', 'photo.pdf.png'],
    ['"quoted"\r\nname<>.csv', 'text', 'quotedname.csv'],
    ['Stratégie 2030.JPG', 'jpeg', 'Stratégie 2030.JPG'],
    ['...', 'pdf', 'evidence.pdf'],
    ['', 'docx', 'evidence.docx'],
  ] as const)('%j as %s is %j', (uploaded, type, safe) => {
    expect(safeFileName(uploaded, type)).toBe(safe);
  });

  it('keeps at most 120 characters, with the extension', () => {
    const name = safeFileName(`${'a'.repeat(300)}.pdf`, 'pdf');
    expect(name).toHaveLength(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
