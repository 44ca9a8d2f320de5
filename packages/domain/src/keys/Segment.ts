import { InvalidSegmentError } from '../errors/InvalidSegmentError';

/** Longest segment we accept; S3 has no per-segment limit, file systems (and humans) do. */
export const MAX_SEGMENT_BYTES = 255;

const ALLOWED = /^[A-Za-z0-9._-]+$/;

function problemOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return `must be a string, got ${typeof value}`;
  if (value.length === 0) return 'must not be empty';
  if (value === '.' || value === '..') return `must not be "${value}"`;
  if (!ALLOWED.test(value)) return 'may contain only letters, digits, ".", "_" and "-"';
  // Only ASCII gets past ALLOWED, so characters are bytes.
  if (value.length > MAX_SEGMENT_BYTES) return `must be at most ${MAX_SEGMENT_BYTES} bytes long`;
  return undefined;
}

/**
 * One path segment built from user input (job name, Neo target, deployment name...). Validated,
 * never rewritten: `my job` is an error naming the field, not `my-job`.
 */
export const Segment = /* @__PURE__ */ Object.freeze({
  /** Returns `value` unchanged when it is a valid segment; throws InvalidSegmentError otherwise. */
  parse(field: string, value: string): string {
    const problem = problemOf(value);
    if (problem !== undefined) throw new InvalidSegmentError(field, value, problem);
    return value;
  },

  isValid(value: unknown): value is string {
    return problemOf(value) === undefined;
  },
});
