import { InvalidConfigError } from '../errors/InvalidConfigError';
import { Segment } from './Segment';

function problemOf(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return 'must be a string';
  if (raw.startsWith('/')) return 'must not start with "/" ("/x" and "x" are different keys; write "x")';
  const body = raw.endsWith('/') ? raw.slice(0, -1) : raw;
  if (body === '') return raw === '' ? undefined : 'must not be only "/"';
  for (const segment of body.split('/')) {
    if (segment === '') return 'must not contain "//"';
    if (!Segment.isValid(segment)) return `segment ${JSON.stringify(segment)} is not a valid segment ([A-Za-z0-9._-], not "." or "..")`;
  }
  return undefined;
}

/**
 * The one rule for a prefix a user gives (the layout's bucket prefix `{P}`, the part of a bucket
 * a migration plan or an audit reads): folder segments of `[A-Za-z0-9._-]`, not `.` or `..`,
 * joined by single slashes, with no leading `/` and at most one trailing `/`. Refused with
 * InvalidConfigError naming the input, never rewritten (a trailing `/` is only dropped).
 */
export const KeyPrefix = /* @__PURE__ */ Object.freeze({
  /** `team/a/` and `team/a` -> `team/a`; '' -> '' (no prefix). */
  parse(raw: string, field = 'prefix'): string {
    const problem = problemOf(raw);
    if (problem !== undefined) throw new InvalidConfigError(field, raw, problem);
    return raw.endsWith('/') ? raw.slice(0, -1) : raw;
  },

  /** The listing prefix of a parsed prefix: `team/a` -> `team/a/`, '' -> '' (the whole bucket). */
  folder(prefix: string): string {
    return prefix === '' ? '' : `${prefix}/`;
  },
});
