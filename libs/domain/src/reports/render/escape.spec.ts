import { inLanguage } from '../../texts/localized-text';
import { ReportCompiler } from '../report-compiler';
import { escapeMarkdown } from './escape';
import { reportToMarkdown } from './report-markdown';
import { shippedReportWords } from '../../testing/shipped-texts';

const EN = shippedReportWords('en');

/**
 * What may never survive escapeMarkdown, whatever Markdown dialect renders the text: a raw HTML
 * tag or comment, link/image/autolink syntax, emphasis, code, a table pipe, a line break, or a
 * non-http(s) scheme directly followed by its target.
 */
function assertInert(out: string): void {
  expect(out).not.toMatch(/[<>\r\n\u2028\u2029]/);
  // Every piece of inline syntax is preceded by an (unescaped) backslash.
  for (const m of out.matchAll(/[\\`*_[\]()!|~]/g)) {
    let slashes = 0;
    for (let i = m.index! - 1; i >= 0 && out[i] === '\\'; i--) slashes++;
    if (m[0] === '\\') continue; // counted as the escape of what follows, or as an escaped backslash
    expect([out, m.index, slashes % 2]).toEqual([out, m.index, 1]);
  }
  expect(out).not.toMatch(/\b(javascript|vbscript|data|file|mailto):\S/i);
  expect(out).not.toMatch(/^\s*(#|[-+=]|\d+\.)/);
}

describe('escapeMarkdown', () => {
  const hostile: [string, string][] = [
    ['[click me](javascript:alert(1))', '\\[click me\\]\\(alert\\(1\\)\\)'],
    ['</li></ul><script>alert(document.cookie)</script>', '&lt;/li&gt;&lt;/ul&gt;&lt;script&gt;alert\\(document.cookie\\)&lt;/script&gt;'],
    ['<svg onload=alert(1)>', '&lt;svg onload=alert\\(1\\)&gt;'],
    ['![x](https://evil.example/pixel.png)', '\\!\\[x\\]\\(https://evil.example/pixel.png\\)'],
    ['<https://evil.example>', '&lt;https://evil.example&gt;'],
    ['<!-- hidden -->', '&lt;\\!-- hidden --&gt;'],
    ['# Heading', '\\# Heading'],
    ['  ## Indented heading', '  \\## Indented heading'],
    ['- list', '\\- list'],
    ['+ list', '\\+ list'],
    ['===', '\\==='],
    ['12. ordered', '12\\. ordered'],
    ['**bold** _it_ ~~gone~~ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\~\\~gone\\~\\~ \\`code\\`'],
    ['a | b', 'a \\| b'],
    ['trailing backslash \\', 'trailing backslash \\\\'],
    ['\\[not a link\\](x)', '\\\\\\[not a link\\\\\\]\\(x\\)'],
    ['line one\nline two\r\nline three\u2028four', 'line one line two line three four'],
    ['[ref]: https://evil.example', '\\[ref\\]: https://evil.example'],
    ['&lt;script&gt; and &#60;b&#62;', '&amp;lt;script&amp;gt; and &amp;#60;b&amp;#62;'],
    ['JAVASCRIPT:alert(1)', 'alert\\(1\\)'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'text/html;base64,PHNjcmlwdD4='],
    ['java\u0000script:alert(1)', 'alert\\(1\\)'],
    ['data:javascript:alert(1)', 'alert\\(1\\)'],
    ['mailto:someone@example.org', 'someone@example.org'],
    ['[a](vbscript:msgbox) [b](file:///etc/passwd)', '\\[a\\]\\(msgbox\\) \\[b\\]\\(///etc/passwd\\)'],
  ];

  it.each(hostile)('%j → inert text', (input, expected) => {
    const out = escapeMarkdown(input);
    expect(out).toBe(expected);
    assertInert(out);
  });

  it('leaves plain text, prose with colons, http(s) URLs and numbers readable', () => {
    expect(escapeMarkdown('Parents & teachers: 3.5 % more, see https://example.org/report')).toBe(
      'Parents & teachers: 3.5 % more, see https://example.org/report',
    );
    expect(escapeMarkdown('Data: 2019 figures; Tel: +49 711')).toBe('Data: 2019 figures; Tel: +49 711');
    expect(escapeMarkdown('Sprachförderung für Eltern – 2 Kurse')).toBe('Sprachförderung für Eltern – 2 Kurse');
    expect(escapeMarkdown(undefined)).toBe('');
    expect(escapeMarkdown(42)).toBe('42');
  });

  it('every user text in the Markdown report goes through it', () => {
    const evil = (what: string) => `${what} [x](javascript:alert(1)) <img src=x onerror=alert(1)>`;
    const c = new ReportCompiler({
      cycleId: 'c1',
      cycleName: evil('# cycle'),
      milestoneKey: 'final',
      milestoneTitle: evil('milestone'),
      milestoneKind: 'final',
      dueAt: new Date('2030-06-01T00:00:00Z'),
      compiledAt: new Date('2030-07-01T00:00:00Z'),
    });
    c.add({
      groupKey: 'education',
      fieldOfAction: evil('field'),
      status: 'submitted',
      late: false,
      escalationLevel: 0,
      extended: false,
      content: {
        measures: [{ title: evil('measure'), status: 'implemented' }],
        indicators: [{ key: 'k', name: evil('indicator'), unit: evil('unit'), baseline: 0, target: 10, actual: 5 }],
        goodPractices: [evil('practice')],
        obstacles: ['</li></ul><script>alert(1)</script>'],
        recommendations: [evil('recommendation\n# injected heading')],
      },
    });
    const md = reportToMarkdown(inLanguage(c.result(), 'en'), { words: EN });
    expect(md).not.toMatch(/<(?!-)/); // no tag at all (the only '<' would start one)
    expect(md).not.toMatch(/\]\(/); // no link or image
    expect(md).not.toContain('javascript:');
    expect(md).not.toMatch(/^# injected/m);
    expect(md).toContain('\\[x\\]\\(alert\\(1\\)\\) &lt;img src=x onerror=alert\\(1\\)&gt;');
    expect(md).toMatch(/^# \\# cycle /);
  });
});
