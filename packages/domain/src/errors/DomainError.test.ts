import {
  EdgecvError,
  isEdgecvError,
  type DomainError,
  InvalidBucketNameError,
  InvalidConfigError,
  InvalidJobIdError,
  InvalidKeyError,
  InvalidSegmentError,
  InvalidTimestampError,
  InvalidTransitionError,
  InvalidUriError,
  isDomainError,
} from './index';

describe('domain errors', () => {
  const cases: Array<[DomainError, string, string]> = [
    [new InvalidKeyError('a//b', 'has //'), 'INVALID_KEY', '"a//b"'],
    [new InvalidSegmentError('jobName', 'my job', 'bad'), 'INVALID_SEGMENT', 'jobName "my job"'],
    [new InvalidUriError('http://x', 'bad'), 'INVALID_URI', '"http://x"'],
    [new InvalidBucketNameError('My_Bucket', 'bad'), 'INVALID_BUCKET_NAME', '"My_Bucket"'],
    [new InvalidTimestampError('2025-01-01T00:00:00', 'bad'), 'INVALID_TIMESTAMP', '"2025-01-01T00:00:00"'],
    [new InvalidJobIdError(-3), 'INVALID_JOB_ID', '-3'],
    [new InvalidTransitionError('planned', 'verified'), 'INVALID_TRANSITION', '"verified"'],
    [new InvalidConfigError('prefix', 'a//b', 'bad'), 'INVALID_CONFIG', 'prefix = "a//b"'],
  ];

  it.each(cases)('%s carries a stable code and names the offending input', (error, code, named) => {
    expect(error.code).toBe(code);
    expect(error.message).toContain(named);
    expect(error).toBeInstanceOf(Error);
    expect(isDomainError(error)).toBe(true);
  });

  it('keeps the offending input on the error, in full', () => {
    const long = 'x'.repeat(2000);
    const error = new InvalidKeyError(long, 'too long');
    expect(error.key).toBe(long);
    expect(error.message.length).toBeLessThan(400);
  });

  it('names each error class for stack traces', () => {
    expect(new InvalidSegmentError('f', 'v', 'r').name).toBe('InvalidSegmentError');
    expect(String(new InvalidTransitionError('failed', 'copied'))).toMatch(/^InvalidTransitionError: /);
  });

  it('does not mistake other errors for domain errors', () => {
    expect(isDomainError(new Error('x'))).toBe(false);
    expect(isDomainError({ code: 'INVALID_KEY' })).toBe(false);
    expect(isDomainError(undefined)).toBe(false);
  });
});

describe('the one error base', () => {
  it('every domain error is an EdgecvError with its code, and keeps the cause it was given', () => {
    const cause = new Error('underlying');
    class Wrapped extends EdgecvError {
      readonly code = 'WRAPPED';
    }
    const wrapped = new Wrapped('plain words', { cause });
    expect(wrapped.cause).toBe(cause);
    expect(isEdgecvError(wrapped)).toBe(true);
    expect(isEdgecvError(new InvalidKeyError('a//b', 'has //'))).toBe(true);
    expect(isEdgecvError(Object.assign(new Error('x'), { code: 'INVALID_KEY' }))).toBe(false);
  });
});
