/** The one error type for problems with input: usage, config or environment. Caught only in cli/main.ts. */
export type ErrorKind = 'usage' | 'config' | 'env';

export interface ErrorDetails {
  file?: string;
  keyPath?: string;
  hint?: string;
}

export class SparkGuardError extends Error {
  readonly kind: ErrorKind;
  readonly details: ErrorDetails;

  constructor(kind: ErrorKind, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'SparkGuardError';
    this.kind = kind;
    this.details = details;
  }
}

/** Thrown when the process receives SIGINT/SIGTERM/SIGHUP while work is under way. */
export class InterruptedError extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
    this.name = 'InterruptedError';
  }
}

export const EXIT = { ok: 0, blocked: 1, error: 2, interrupted: 130 } as const;
