import { applyDecorators } from '@nestjs/common';
import { ApiExtension, ApiExtraModels, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EngineError, RateLimitedError } from '@pact/engine';
import type { Response } from 'express';

/**
 * Every error answer of the JSON API is one shape: Problem Details (RFC 9457,
 * `application/problem+json`), keeping the list of problems each naming its field, and the
 * `statusCode` / `error` / `message` members clients of earlier versions read.
 */
export class FieldProblem {
  @ApiProperty({ example: 'milestones[0].dueAt', description: "the field the problem concerns ('' for the request as a whole)" })
  field: string;

  @ApiProperty({ example: 'must be after the request date' })
  message: string;
}

export class ProblemDetails {
  @ApiProperty({ example: 'about:blank', description: 'a URI naming the kind of problem; about:blank: the HTTP status says it all' })
  type: string;

  @ApiProperty({ example: 'Bad Request' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiProperty({ example: 'milestones[0].dueAt: must be after the request date' })
  detail: string;

  @ApiPropertyOptional({ type: [FieldProblem], description: 'for 400: each problem with its field, in the order found' })
  errors?: FieldProblem[];

  @ApiProperty({ example: 400, description: 'the same as status (kept for earlier clients)' })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request', description: 'the same as title (kept for earlier clients)' })
  error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['milestones[0].dueAt: must be after the request date'],
    description: 'for 400 a list of "field: problem", else one sentence (kept for earlier clients)',
  })
  message: string | string[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleOf(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** "path: message" → { field, message }; a sentence without a field path stays whole. */
export function fieldProblem(text: string): FieldProblem {
  const at = text.indexOf(': ');
  const head = at > 0 ? text.slice(0, at) : '';
  return head && /^[A-Za-z_$][\w$.[\]-]*$/.test(head) ? { field: head, message: text.slice(at + 2) } : { field: '', message: text };
}

export function problemBody(status: number, message: string | string[]): ProblemDetails {
  const list = Array.isArray(message) ? message : [message];
  return {
    type: 'about:blank',
    title: titleOf(status),
    status,
    detail: list.join('; '),
    ...(status === 400 || Array.isArray(message) ? { errors: list.map(fieldProblem) } : {}),
    statusCode: status,
    error: titleOf(status),
    message,
  };
}

export function sendProblem(res: Response, status: number, message: string | string[]): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(status, message)));
}

/** The HTTP status of an engine error (the engine never speaks HTTP itself). */
export function statusOfEngineError(err: EngineError): number {
  switch (err.kind) {
    case 'not-found':
      return 404;
    case 'conflict':
      return 409;
    case 'forbidden':
      return 403;
    case 'rate-limited':
      return 429;
    case 'invalid':
      return 400;
    case 'too-large':
      return 413;
    case 'unsupported-type':
      return 415;
    case 'refused':
      return 422;
  }
}

/** Answers an engine error: status, Problem Details, and Retry-After when there is a wait. */
export function sendEngineError(res: Response, err: EngineError): void {
  if (err instanceof RateLimitedError) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterSeconds))));
  const status = statusOfEngineError(err);
  const message =
    err.kind === 'invalid'
      ? (err as unknown as { problems: { path: string; message: string }[] }).problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
      : err.message;
  sendProblem(res, status, message);
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'bad input: each problem names its field; nothing was changed',
  401: 'no valid API token',
  403: 'the token lacks the role (or the caller is not the owner)',
  404: 'no such resource (or another group’s, which is not shown)',
  409: 'the current state forbids it',
  413: 'the body is larger than BODY_LIMIT (for an evidence file: EVIDENCE_MAX_BYTES); nothing was kept',
  415: 'the body is not JSON (for an evidence file: its content is not of an allowed type); nothing was kept',
  422: 'the evidence file was refused by the virus scan, or the history file breaks a rule (each problem by row and column); nothing was kept',
  429: 'too many requests (or failed authentications); see Retry-After',
  503: 'a store is not answering, or PDF rendering is unavailable; see Retry-After',
};

/** Extension names that mark an operation's own error answers (turned into responses in openapi.ts). */
export const PROBLEM_EXTENSION = /^x-pact-problem-(\d{3})$/;

export function problemDescription(status: number): string {
  return DESCRIPTIONS[status] ?? titleOf(status);
}

/**
 * Documents the operation's own error answers (400 for its query, 403, 404, 409 …), all as
 * Problem Details. Marked as extensions and turned into responses once the document is built,
 * so that Swagger still adds the default success response (declaring any response suppresses it).
 */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiExtraModels(ProblemDetails, FieldProblem), ...statuses.map((status) => ApiExtension(`x-pact-problem-${status}`, true)));
}
