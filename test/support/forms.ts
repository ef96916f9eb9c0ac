import type TestAgent from 'supertest/lib/agent';

/**
 * Reading and sending pages' forms as a browser without JavaScript would: the fields of a form
 * as rendered (text, hidden, date and e-mail inputs, checked checkboxes, selected options), and
 * a urlencoded POST with repeated names for multiple values.
 */
export type Fields = [string, string][];

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]) : undefined;
};

function decode(s: string): string {
  return s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The HTML of the first form posting to `action`. */
export function formHtml(html: string, action: string): string {
  const start = html.search(new RegExp(`<form[^>]*action="${action.replace(/[/.?*+]/g, '\\$&')}"`));
  if (start < 0) throw new Error(`no form posting to ${action}`);
  return html.slice(start, html.indexOf('</form>', start));
}

/** The fields the form would send (without a button's name). */
export function formFields(html: string, action: string): Fields {
  const form = formHtml(html, action);
  const out: Fields = [];
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    const type = attr(tag, 'type') ?? 'text';
    if (!name) continue;
    if (type === 'checkbox' || type === 'radio') {
      if (/\schecked\b/.test(tag)) out.push([name, attr(tag, 'value') ?? 'on']);
    } else {
      out.push([name, attr(tag, 'value') ?? '']);
    }
  }
  for (const m of form.matchAll(/<select\b[^>]*>([\s\S]*?)<\/select>/g)) {
    const name = attr(m[0], 'name')!;
    const selected = /<option value="([^"]*)" selected>/.exec(m[1]) ?? /<option value="([^"]*)"/.exec(m[1]);
    out.push([name, decode(selected?.[1] ?? '')]);
  }
  return out;
}

/** The fields with some replaced (every value of a name), removed (value null) or added. */
export function withFields(fields: Fields, changes: Record<string, string | string[] | null>): Fields {
  const out = fields.filter(([k]) => !(k in changes));
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) continue;
    for (const x of Array.isArray(v) ? v : [v]) out.push([k, x]);
  }
  return out;
}

export function field(fields: Fields, name: string): string | undefined {
  return fields.find(([k]) => k === name)?.[1];
}

export function postForm(agent: TestAgent, path: string, fields: Fields) {
  return agent.post(path).type('form').send(new URLSearchParams(fields).toString());
}

/** The error summary's links (href → text) and the messages beside fields (id → text). */
export function formErrorsOf(html: string): { summary: Record<string, string>; beside: Record<string, string> } {
  const summary: Record<string, string> = {};
  const box = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
  for (const m of box.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)) summary[m[1]] = decode(m[2]);
  const beside: Record<string, string> = {};
  for (const m of html.matchAll(/<p class="error-message" id="([^"]+)-error"><span class="visually-hidden">[^<]*<\/span>\s*([^<]*)<\/p>/g))
    beside[m[1]] = decode(m[2]).trim();
  return { summary, beside };
}

/** The text of an HTML fragment, tags removed and whitespace collapsed. */
export function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
