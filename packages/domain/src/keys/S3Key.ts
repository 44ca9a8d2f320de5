import { InvalidKeyError } from '../errors/InvalidKeyError';
import { keyProblem } from './keyRules';

/**
 * A validated S3 object key we are willing to write: 1..1024 UTF-8 bytes, no leading `/`, no
 * `//`, no empty, `.` or `..` segment, no control characters. A trailing `/` only on folder keys
 * (`S3Key.folder`). Legacy keys (with `//`) are deliberately not S3Keys: the legacy machinery
 * handles them as raw strings.
 */
export class S3Key {
  /** The path segments, without the empty one a folder's trailing slash would give. */
  readonly segments: readonly string[];

  private constructor(
    readonly value: string,
    readonly isFolder: boolean,
  ) {
    const body = isFolder ? value.slice(0, -1) : value;
    this.segments = Object.freeze(body.split('/'));
    Object.freeze(this);
  }

  /** An object key; throws InvalidKeyError when `raw` breaks a rule (a trailing `/` included). */
  static parse(raw: string): S3Key {
    const problem = keyProblem(raw);
    if (problem !== undefined) throw new InvalidKeyError(raw, problem);
    return new S3Key(raw, false);
  }

  /** A folder key: `raw` with exactly one trailing `/` (added when missing). */
  static folder(raw: string): S3Key {
    if (raw === '') throw new InvalidKeyError(raw, 'must not be empty');
    const value = typeof raw === 'string' && !raw.endsWith('/') ? `${raw}/` : raw;
    const problem = keyProblem(value, { folder: true });
    if (problem !== undefined) throw new InvalidKeyError(raw, problem);
    return new S3Key(value, true);
  }

  /** True when `raw` would parse (as an object key, or as a folder key when it ends in `/`). */
  static isValid(raw: string): boolean {
    return keyProblem(raw, { folder: typeof raw === 'string' && raw.endsWith('/') }) === undefined;
  }

  /** The object key below this one: `a/b` + (`c`, `d.txt`) = `a/b/c/d.txt`. */
  child(...path: string[]): S3Key {
    return S3Key.parse(this.join(path));
  }

  /** The folder key below this one: `a/` + (`b`) = `a/b/`. */
  childFolder(...path: string[]): S3Key {
    return S3Key.folder(this.join(path));
  }

  /** True when this key lies under `folder` (a folder key), or is that folder. */
  isWithin(folder: S3Key): boolean {
    return folder.isFolder && this.value.startsWith(folder.value);
  }

  equals(other: S3Key): boolean {
    return this.value === other.value;
  }

  toString(): string {
    return this.value;
  }

  toJSON(): string {
    return this.value;
  }

  private join(path: string[]): string {
    if (path.length === 0) throw new InvalidKeyError(this.value, 'child() needs at least one segment');
    const base = this.isFolder ? this.value : `${this.value}/`;
    return base + path.join('/');
  }
}
