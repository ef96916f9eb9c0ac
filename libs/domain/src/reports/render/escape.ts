/** Text into HTML/SVG: the report's texts come from chairs and are never trusted as markup. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A CSV field (RFC 4180), with formula-leading characters neutralised for spreadsheet users. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * URI schemes other than http(s) that make text act rather than show: script and data URLs,
 * local files, and the non-web schemes renderers and mail clients turn into links by themselves.
 * A scheme counts when a URI follows it directly (`javascript:alert(1)`); prose such as
 * "Data: 2019 figures" is left alone.
 */
const ACTIVE_SCHEME =
  /\b(?:javascript|vbscript|livescript|data|blob|file|filesystem|about|view-source|mailto|tel|sms|xmpp|ftp|ftps|irc|ircs|ssh|sftp|git|svn|ws|wss|intent|ms-[a-z-]+):(?=\S)/gi;

/**
 * User text into Markdown (reports for wikis and e-mail): whatever a chair, the committee or
 * the configuration wrote stays text. Raw HTML cannot start (`<` and `>` become entities,
 * which every Markdown dialect passes through, unlike `\<`, which the original Markdown.pl
 * does not know), link, image, emphasis, code, strikethrough and table syntax is
 * backslash-escaped, line-start markers (headings, lists) are escaped, line breaks become
 * spaces (each value sits on one line or in one table cell), and non-http(s) URI schemes are
 * dropped. Every Markdown renderer of the engine passes each value it did not write itself
 * through this one function.
 */
export function escapeMarkdown(v: unknown): string {
  let s = String(v ?? '')
    // One line: CR, LF, NEL, the Unicode line and paragraph separators; other controls go.
    .replace(/\r\n|[\r\n\u0085\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex -- control characters are what this removes
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  // Until none is left, so that dropping one can never leave another behind.
  for (let before = ''; before !== s;) [before, s] = [s, s.replace(ACTIVE_SCHEME, '')];
  return (
    s
      // An entity the user typed shows as typed instead of being decoded.
      .replace(/&(?=#?[0-9A-Za-z]+;)/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]()!|~]/g, '\\$&')
      // Line-start syntax: a heading, a list item or setext underline, an ordered list item.
      .replace(/^(\s*)([#+=-])/, '$1\\$2')
      .replace(/^(\s*\d+)\./, '$1\\.')
  );
}

export const day = (d: Date | string | undefined): string => (d ? new Date(d).toISOString().slice(0, 10) : '');
