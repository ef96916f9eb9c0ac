/**
 * The engine's own errors. Services throw these, never HTTP exceptions: whether a problem
 * becomes a 404 JSON answer, a Problem Details document or a message beside a form field is
 * the edge's business (the API's exception filter, the pages' error handling), decided once.
 */

/** One thing wrong with a request, and where: `path` is the field (`milestones[0].dueAt`), or '' for the whole request. */
export interface Problem {
  path: string;
  message: string;
}

export abstract class EngineError extends Error {
  abstract readonly kind: 'not-found' | 'conflict' | 'invalid' | 'forbidden' | 'rate-limited' | 'too-large' | 'unsupported-type' | 'refused';
}

/** What the request names does not exist (or is not visible to the person asking). */
export class NotFoundError extends EngineError {
  readonly kind = 'not-found' as const;
}

/** The request is well formed but the current state forbids it (submitting to a cancelled cycle). */
export class ConflictError extends EngineError {
  readonly kind = 'conflict' as const;
}

/** The person may not do this. */
export class ForbiddenError extends EngineError {
  readonly kind = 'forbidden' as const;
}

/** The content is larger than a limit (an evidence file over EVIDENCE_MAX_BYTES). Nothing was kept. */
export class TooLargeError extends EngineError {
  readonly kind = 'too-large' as const;
}

/** The content is of a type not accepted (told from the content, not the name). Nothing was kept. */
export class UnsupportedTypeError extends EngineError {
  readonly kind = 'unsupported-type' as const;
}

/** The content was understood but refused on inspection (a virus scan). Nothing was kept. */
export class ContentRefusedError extends EngineError {
  readonly kind = 'refused' as const;
}

/** Too many requests of this kind from this person or client for now. */
export class RateLimitedError extends EngineError {
  readonly kind = 'rate-limited' as const;
  constructor(
    message: string,
    /** Seconds until a new attempt may succeed. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** The input breaks a rule: each problem names its field. Nothing was changed. */
export class InvalidError extends EngineError {
  readonly kind = 'invalid' as const;
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; '));
  }

  /** From "path: message" strings, the form the domain's checks and older code produce. */
  static fromMessages(messages: string[]): InvalidError {
    return new InvalidError(
      messages.map((m) => {
        const at = m.indexOf(': ');
        return at > 0 && !m.slice(0, at).includes(' ') ? { path: m.slice(0, at), message: m.slice(at + 2) } : { path: '', message: m };
      }),
    );
  }
}
