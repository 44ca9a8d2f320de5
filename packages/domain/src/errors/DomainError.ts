import { EdgecvError } from './EdgecvError';

/**
 * Every expected failure of the domain's validation and state rules: the input was wrong, so
 * transports answer it as a usage error (exit 2, HTTP 400) unless a subclass says otherwise.
 */
export abstract class DomainError extends EdgecvError {}

/** True for any error raised by the domain's validation and state rules. */
export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

/**
 * Renders an offending input for a message: quoted, control characters escaped, and cut short
 * so that a 1025-byte key does not flood a log line (the full value stays on the error).
 */
export function describeInput(value: unknown, max = 120): string {
  let text: string;
  if (typeof value === 'string') {
    text = JSON.stringify(value);
  } else if (value instanceof Date) {
    text = `Date(${Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString()})`;
  } else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
