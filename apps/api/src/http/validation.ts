import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsArray, IsObject, ValidateBy, ValidateIf, ValidateNested, ValidationArguments, ValidationOptions } from 'class-validator';
import { dayOrMomentOf, forbiddenCharacter, NOT_IN_A_LINE, NOT_IN_A_TEXT, TextKind } from '@pact/domain';

// The characters themselves are the domain's rule (libs/domain/src/texts/text-rules.ts), one for the DTOs and the services.

/**
 * The text rules in the OpenAPI document (for class-validator-jsonschema, which would otherwise
 * describe a custom rule by the property's type): the same characters, as a pattern.
 */
export const TEXT_RULE_SCHEMAS = {
  isSingleLineText: { type: 'string' as const, pattern: `^[^${NOT_IN_A_LINE}]*$` },
  isMultiLineText: { type: 'string' as const, pattern: `^[^${NOT_IN_A_TEXT}]*$` },
};

/**
 * Dates as typed (libs/domain/src/clock/calendar-day.ts) in the OpenAPI document: which of the
 * two forms is kept, and what a day becomes.
 */
export const DATE_RULE_SCHEMAS = {
  isStartDayOrMoment: {
    type: 'string' as const,
    anyOf: [{ format: 'date' }, { format: 'date-time' }],
    description:
      "A calendar day (YYYY-MM-DD) or a timestamp with its offset (ISO 8601). A timestamp is kept as given; a day starts at 00:00 in the programme's time zone (config deadlines.timeZone, default the committee's, Europe/Brussels).",
  },
  isDueDayOrMoment: {
    type: 'string' as const,
    anyOf: [{ format: 'date' }, { format: 'date-time' }],
    description:
      "A calendar day (YYYY-MM-DD) or a timestamp with its offset (ISO 8601). A timestamp is kept as given; a day is due at its end, 23:59:59 (or config deadlines.dueTimeOfDay), in the time zone of the one it is due from: the chair's for a task, the programme's for a cycle's plan.",
  },
};

/**
 * A date a person may type as a day or a machine send as a moment: `YYYY-MM-DD`, or a full
 * ISO 8601 timestamp with its offset (one without would be read on the server's clock). What a
 * day means (its start, or its end as a due date) is the engine's, by `role`.
 */
export function DayOrMoment(role: 'start' | 'due'): PropertyDecorator {
  return ValidateBy(
    { name: role === 'start' ? 'isStartDayOrMoment' : 'isDueDayOrMoment', validator: { validate: (v: unknown) => dayOrMomentOf(v) !== null } },
    { message: '$property must be a calendar day (YYYY-MM-DD) or a timestamp with its offset (2027-01-31T17:00:00+01:00)' },
  );
}

function textRule(name: keyof typeof TEXT_RULE_SCHEMAS, kind: TextKind, what: string, each: boolean): PropertyDecorator {
  const found = (v: unknown) => forbiddenCharacter(v, kind);
  return ValidateBy(
    {
      name,
      // Strings only: the type is checked (and reported) by @IsString.
      validator: { validate: (v: unknown) => !found(v) },
    },
    {
      each,
      message: (args: ValidationArguments) => {
        const m = found(args.value) ?? [...(Array.isArray(args.value) ? args.value : [])].map(found).find(Boolean);
        return `${each ? 'each value in ' : ''}$property must be ${what}${m ? ` (found ${m.char} at position ${m.position})` : ''}`;
      },
    } as ValidationOptions,
  );
}

/**
 * A name or title: one line of text, without control characters (line breaks included) or
 * bidirectional overrides. Used by every single-line field of the API (listed in docs/api.md).
 */
export function SingleLineText(options: { each?: boolean } = {}): PropertyDecorator {
  return textRule('isSingleLineText', 'line', 'a single line of text, without line breaks, control characters or bidirectional overrides', !!options.each);
}

/** A free text: line breaks and tabs allowed, other control characters and bidirectional overrides not. */
export function MultiLineText(options: { each?: boolean } = {}): PropertyDecorator {
  return textRule('isMultiLineText', 'text', 'text without control characters (other than line breaks and tabs) or bidirectional overrides', !!options.each);
}

/**
 * A nested object validated as `type`. @ValidateNested alone also accepts an array (and
 * validates its elements), so `"chair": []` would pass and be stored; @IsObject refuses it,
 * and strings and numbers, naming the field. `optional`: the field may be left out, but null
 * is refused like any other non-object (@IsOptional would let it through as "absent").
 */
export function NestedObject(type: () => new () => object, options: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(...optional(options), IsObject({ message: '$property must be an object' }), ValidateNested(), Type(type));
}

/** An array of nested objects, each validated as `type` (no arrays, nulls or strings among them). */
export function NestedObjects(type: () => new () => object, options: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    ...optional(options),
    IsArray({ message: '$property must be an array of objects' }),
    IsObject({ each: true, message: 'each value in $property must be an object' }),
    ValidateNested({ each: true }),
    Type(type),
  );
}

function optional(options: { optional?: boolean }): PropertyDecorator[] {
  return options.optional ? [ValidateIf((_object: unknown, value: unknown) => value !== undefined)] : [];
}
