import express, { type RequestHandler } from 'express';

/**
 * Forms post application/x-www-form-urlencoded, flat (extended: false): field names are taken as
 * they are. A report form at its template's limits has a few hundred fields (measures × 3,
 * indicators × 5, texts); the body limit bounds the rest. Its errors (413, 400) go to the chain's
 * page error handler (setUpPageErrors.ts).
 */
export function setUpBodyParsers(bodyLimit: string): RequestHandler {
  return express.urlencoded({ extended: false, limit: bodyLimit, parameterLimit: 2000 });
}
