import type { FormProblem } from '../../../form-errors';
import { BaseField, characterOf, FieldType, firstText, FormRule, maxOf, say, Say, Worded } from '../field';

/**
 * Links given as evidence: web addresses, one per line of a text area (works without
 * JavaScript, and a pasted list stays as pasted). Files come with uploads, as a field of their own.
 */
export interface LinksField extends BaseField {
  type: 'links';
  max: number;
}

export const LINKS_RULES = {
  url: 'forms.errors.url',
  tooMany: 'forms.errors.tooManyLinks',
  tooLong: 'forms.errors.tooLong',
  characters: 'forms.errors.characters',
  duplicate: 'forms.errors.duplicate',
  invalid: 'forms.errors.invalid',
} as const satisfies Partial<Record<FormRule, string>>;

/** The posted text as links: one per non-blank line, trimmed. */
export const linksOf = (posted: string): string[] =>
  posted
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

export const linksField: FieldType<LinksField> = {
  read: (body, field) => firstText(body[field.name]),
  message(rule: FormRule, p: FormProblem, field: LinksField): Worded {
    if (rule === 'tooMany') return { key: LINKS_RULES.tooMany, params: { max: maxOf(p, field.max) } };
    if (rule === 'tooLong') return { key: LINKS_RULES.tooLong, params: { max: maxOf(p, undefined) } };
    if (rule === 'characters') return { key: LINKS_RULES.characters, params: characterOf(p) };
    if (rule === 'url' || rule === 'duplicate') return { key: LINKS_RULES[rule] };
    return { key: LINKS_RULES.invalid };
  },
  view: (field, value, t: Say) => ({
    partial: 'textarea',
    field: {
      id: field.name,
      name: field.name,
      label: say(t, field.label),
      hint: [say(t, field.hint), t('forms.linksHint', { max: field.max })].filter(Boolean).join(' '),
      value,
      rows: 3,
      spellcheck: false,
    },
  }),
};
