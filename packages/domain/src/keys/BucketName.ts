import { InvalidBucketNameError } from '../errors/InvalidBucketNameError';

// AWS general purpose bucket naming rules (docs: "Bucket naming rules").
const CHARS = /^[a-z0-9.-]+$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

function problemOf(name: unknown): string | undefined {
  if (typeof name !== 'string') return 'must be a string';
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!CHARS.test(name)) return 'may contain only lowercase letters, digits, "." and "-"';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) {
    return 'must begin and end with a letter or digit';
  }
  if (name.includes('..')) return 'must not contain two adjacent periods';
  if (IPV4.test(name)) return 'must not be formatted as an IP address';
  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix !== undefined) return `must not start with the reserved prefix "${prefix}"`;
  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix !== undefined) return `must not end with the reserved suffix "${suffix}"`;
  return undefined;
}

/** Validation of S3 bucket names, so a typo fails here rather than at the first request. */
export const BucketName = /* @__PURE__ */ Object.freeze({
  parse(name: string): string {
    const problem = problemOf(name);
    if (problem !== undefined) throw new InvalidBucketNameError(name, problem);
    return name;
  },

  isValid(name: unknown): name is string {
    return problemOf(name) === undefined;
  },
});
