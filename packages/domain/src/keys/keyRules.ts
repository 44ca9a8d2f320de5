import { utf8ByteLength } from './utf8';

/** S3's own limit on an object key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/** Which variant of the key rules keyProblem applies. */
export interface KeyCheckOptions {
  /** A trailing `/` marks a "folder" key (a zero-byte placeholder object or a prefix). */
  readonly folder?: boolean;
  /**
   * S3 stores keys with control characters; we never create them, but the legacy machinery must
   * be able to say that such an existing key sits in the new layout.
   */
  readonly allowControlChars?: boolean;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The reason `raw` breaks the key rules, or undefined when it is a valid key. One function
 * shared by S3Key and the legacy machinery (which works on raw strings) so both agree.
 */
export function keyProblem(raw: string, options: KeyCheckOptions = {}): string | undefined {
  if (typeof raw !== 'string') return 'must be a string';
  if (raw.length === 0) return 'must not be empty';
  const bytes = utf8ByteLength(raw);
  if (bytes < 0) return 'contains a lone UTF-16 surrogate (not encodable as UTF-8)';
  if (bytes > MAX_KEY_BYTES) return `is ${bytes} UTF-8 bytes long, more than ${MAX_KEY_BYTES}`;
  if (!options.allowControlChars && CONTROL.test(raw)) {
    return 'contains a control character (U+0000-U+001F or U+007F)';
  }
  if (raw.startsWith('/')) return 'must not start with "/"';
  const endsWithSlash = raw.endsWith('/');
  if (endsWithSlash && !options.folder) return 'must not end with "/" (only folder keys do)';
  if (!endsWithSlash && options.folder) return 'a folder key must end with "/"';
  const body = endsWithSlash ? raw.slice(0, -1) : raw;
  if (body.length === 0) return 'must have at least one segment';
  for (const segment of body.split('/')) {
    if (segment === '') return 'must not contain "//" (empty segment)';
    if (segment === '.' || segment === '..') return `must not contain a "${segment}" segment`;
  }
  return undefined;
}
