import { BadRequestException } from '@nestjs/common';

/** Keys that turn a payload into a query operator or reach an object's prototype. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 12;

/**
 * Finds the first key in a parsed JSON body that must never reach MongoDB or an object
 * spread: `$`-operators (`{"$gt": ""}`), dotted paths, and prototype-pollution keys.
 * Returns the path of the offending key, or null.
 */
export function findHostileKey(value: unknown, path = 'body', depth = 0): string | null {
  if (depth > MAX_DEPTH) return `${path} (nested deeper than ${MAX_DEPTH} levels)`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findHostileKey(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key.startsWith('$') || key.includes('.') || FORBIDDEN_KEYS.has(key)) return `${path}.${key}`;
      const found = findHostileKey((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}

export function assertNoHostileKeys(body: unknown): void {
  const found = findHostileKey(body);
  if (found) {
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: [`${found}: keys starting with "$", containing ".", or named __proto__/constructor/prototype are not allowed`],
    });
  }
}
