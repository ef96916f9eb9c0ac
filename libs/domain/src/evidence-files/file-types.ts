/**
 * What an evidence file is, told from its content alone: the name and the client's content type
 * are what an uploader chooses, so neither decides anything (a program renamed report.pdf is a
 * program). Pure: the engine feeds the bytes it streams (the head, the tail, and whether every
 * byte so far was text) and asks once the upload has ended.
 */

/** The types an operator may allow (EVIDENCE_ALLOWED_TYPES); `text` is plain text and CSV (UTF-8). */
export const EVIDENCE_FILE_TYPES = ['pdf', 'png', 'jpeg', 'docx', 'xlsx', 'odt', 'ods', 'text'] as const;
export type EvidenceFileType = (typeof EVIDENCE_FILE_TYPES)[number];

/** What detection may answer: an allowable type, or a type named only to be refused. */
export type DetectedFileType =
  EvidenceFileType | 'zip' | 'html' | 'xml' | 'elf-executable' | 'windows-executable' | 'mach-o-executable' | 'gif' | 'gzip' | '7z' | 'rar' | 'unknown';

/** The media type an allowed file is served with. */
export const MEDIA_TYPE_OF: Record<EvidenceFileType, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  text: 'text/plain; charset=utf-8',
};

/** File name extensions of each type; the first is added to a name that has none of them. */
export const EXTENSIONS_OF: Record<EvidenceFileType, string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  docx: ['docx'],
  xlsx: ['xlsx'],
  odt: ['odt'],
  ods: ['ods'],
  text: ['txt', 'csv', 'tsv', 'md'],
};

export function isEvidenceFileType(t: string): t is EvidenceFileType {
  return (EVIDENCE_FILE_TYPES as readonly string[]).includes(t);
}

/** How many bytes of the head and of the tail detection looks at. */
export const HEAD_BYTES = 4096;
/** Enough for the end of a zip's central directory (about 80 bytes an entry) in any ordinary office file. */
export const TAIL_BYTES = 256 * 1024;

export interface FileSample {
  /** The first bytes (up to HEAD_BYTES). */
  head: Uint8Array;
  /** The last bytes (up to TAIL_BYTES; the whole file when it is shorter). */
  tail: Uint8Array;
  /** The file's size in bytes. */
  size: number;
  /** Every byte was UTF-8 text without NUL or other control characters but tab, CR, LF and form feed. */
  text: boolean;
}

const startsWith = (b: Uint8Array, bytes: number[], at = 0) => b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The type of a file, from its magic numbers; zip containers by their entries, text by its bytes. */
export function detectFileType(s: FileSample): DetectedFileType {
  const h = s.head;
  if (startsWith(h, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(h, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(h, [0x50, 0x4b, 0x03, 0x04]) || startsWith(h, [0x50, 0x4b, 0x05, 0x06])) return zipKind(s);
  if (startsWith(h, [0x7f, 0x45, 0x4c, 0x46])) return 'elf-executable';
  if (startsWith(h, [0x4d, 0x5a])) return 'windows-executable'; // MZ
  if (
    [
      [0xfe, 0xed, 0xfa, 0xce],
      [0xfe, 0xed, 0xfa, 0xcf],
      [0xce, 0xfa, 0xed, 0xfe],
      [0xcf, 0xfa, 0xed, 0xfe],
      [0xca, 0xfe, 0xba, 0xbe],
    ].some((m) => startsWith(h, m))
  )
    return 'mach-o-executable';
  if (startsWith(h, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(h, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(h, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(h, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (s.text && s.size > 0) return markupKind(h) ?? 'text';
  return 'unknown';
}

/**
 * Text that a browser would take for markup (HTML, SVG, XML) is refused by name: served
 * inline it could run scripts. Browsers sniff the start of a document, so the start decides.
 */
function markupKind(head: Uint8Array): 'html' | 'xml' | undefined {
  const start = new TextDecoder('utf-8')
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (!start.startsWith('<')) return undefined;
  if (/^<(!doctype html|html|head|body|script|iframe|style|title|div|p|a|img|table|meta|link|!--)[\s>/]/.test(start)) return 'html';
  return 'xml';
}

/**
 * A zip is an office document only when its entries say so: Office Open XML has
 * `[Content_Types].xml` and its main part (`word/document.xml`, `xl/workbook.xml`); OpenDocument
 * starts with a stored `mimetype` entry naming its kind. Anything else is a plain zip.
 */
function zipKind(s: FileSample): DetectedFileType {
  const odf = openDocumentMimetype(s.head);
  if (odf === 'application/vnd.oasis.opendocument.text') return 'odt';
  if (odf === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
  const names = zipEntryNames(s.tail, s.size);
  if (names.has('[Content_Types].xml')) {
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
  }
  return 'zip';
}

/** The content of an OpenDocument's first entry, `mimetype` (stored uncompressed, as the standard requires). */
function openDocumentMimetype(head: Uint8Array): string | undefined {
  if (head.length < 30) return undefined;
  const method = u16(head, 8);
  const size = u32(head, 18);
  const nameLength = u16(head, 26);
  const extraLength = u16(head, 28);
  if (method !== 0 || ascii(head, 30, 30 + nameLength) !== 'mimetype' || size > 200) return undefined;
  const from = 30 + nameLength + extraLength;
  return from + size <= head.length ? ascii(head, from, from + size) : undefined;
}

/** The entry names of a zip's central directory, read from the end of the file (empty when it is not there whole). */
export function zipEntryNames(tail: Uint8Array, size: number): Set<string> {
  const names = new Set<string>();
  // The end-of-central-directory record: 22 bytes and a comment of up to 65535, at the very end.
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0 && i >= tail.length - 22 - 65535; i--) {
    if (startsWith(tail, [0x50, 0x4b, 0x05, 0x06], i)) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return names;
  const entries = u16(tail, eocd + 10);
  const directoryOffset = u32(tail, eocd + 16);
  const tailStart = size - tail.length; // where the tail begins in the file
  let at = directoryOffset - tailStart;
  if (at < 0) return names;
  for (let n = 0; n < entries && at + 46 <= eocd; n++) {
    if (!startsWith(tail, [0x50, 0x4b, 0x01, 0x02], at)) break;
    const nameLength = u16(tail, at + 28);
    const extraLength = u16(tail, at + 30);
    const commentLength = u16(tail, at + 32);
    names.add(new TextDecoder('utf-8').decode(tail.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Whether a stream of bytes is text, fed chunk by chunk: valid UTF-8 (a character may span
 * chunks) without NUL or control characters other than tab, LF, CR and form feed.
 */
export class TextCheck {
  private decoder = new TextDecoder('utf-8', { fatal: true });
  private ok = true;

  feed(chunk: Uint8Array): void {
    if (!this.ok) return;
    try {
      // eslint-disable-next-line no-control-regex -- control characters are what makes bytes not text
      this.ok = !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(this.decoder.decode(chunk, { stream: true }));
    } catch {
      this.ok = false;
    }
  }

  /** The verdict once every chunk was fed (a character cut off at the end is not text). */
  end(): boolean {
    if (!this.ok) return false;
    try {
      this.decoder.decode();
      return true;
    } catch {
      return false;
    }
  }
}

/**
 * The name a file is stored and served under: the last part of what the uploader sent (no
 * folders), without control characters or characters file systems and headers refuse, at most
 * 120 characters, ending in an extension of the detected type (x.pdf detected as PNG becomes
 * x.pdf.png, so nobody opens it with the wrong program).
 */
export function safeFileName(uploaded: string, type: EvidenceFileType): string {
  const last = uploaded.split(/[\\/]/).pop() ?? '';
  let name = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|\u2028\u2029]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (!name) name = 'evidence';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const wanted = EXTENSIONS_OF[type];
  const suffix = wanted.includes(extension) ? '' : `.${wanted[0]}`;
  const room = 120 - suffix.length;
  if (name.length > room) {
    const keep = wanted.includes(extension) ? `.${extension}` : '';
    name =
      [...name.slice(0, name.length - keep.length)]
        .slice(0, room - keep.length)
        .join('')
        .trimEnd() + keep;
  }
  return name + suffix;
}
