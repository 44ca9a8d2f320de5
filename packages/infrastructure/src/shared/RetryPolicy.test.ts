import { backoffDelayMs, isRetryableError, withRetry, type RetryPolicy } from './RetryPolicy';

const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 350 };

describe('retry policy', () => {
  it.each([
    ['a 500', { $metadata: { httpStatusCode: 500 } }],
    ['a 503', { $metadata: { httpStatusCode: 503 } }],
    ['SlowDown', { name: 'SlowDown', $metadata: { httpStatusCode: 503 } }],
    ['a throttled DynamoDB call', { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400 } }],
    ['a connection reset', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a socket hang up wrapped by the SDK', new Error('AWS SDK error wrapper for TimeoutError: socket hang up')],
    ['a reset as the cause', new Error('outer', { cause: Object.assign(new Error('x'), { code: 'EPIPE' }) })],
  ])('retries %s', (_what, error) => {
    expect(isRetryableError(error)).toBe(true);
  });

  it.each([
    ['a 404', { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } }],
    ['a 403', { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }],
    ['a 412', { name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } }],
    ['a conditional check failure', { name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } }],
    ['a plain bug', new TypeError('x is undefined')],
  ])('does not retry %s', (_what, error) => {
    expect(isRetryableError(error)).toBe(false);
  });

  it('draws each delay uniformly below an exponentially growing, capped ceiling (full jitter)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelayMs(n, policy, () => 0.999999))).toEqual([99, 199, 349, 349]);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
  });

  it('retries until success and sleeps the jittered delays in between', async () => {
    const slept: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async (attempt) => {
        calls++;
        if (attempt < 3) throw { name: 'SlowDown', $metadata: { httpStatusCode: 503 } };
        return 'done';
      },
      policy,
      { random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    );
    expect(result).toBe('done');
    expect(calls).toBe(3);
    expect(slept).toEqual([50, 100]);
  });

  it('stops at the configured number of attempts and rethrows the last error', async () => {
    let calls = 0;
    const failing = withRetry(
      async () => {
        calls++;
        throw Object.assign(new Error(`boom ${calls}`), { $metadata: { httpStatusCode: 500 } });
      },
      policy,
      { sleep: async () => undefined },
    );
    await expect(failing).rejects.toThrow('boom 4');
    expect(calls).toBe(4);
  });

  it('never retries a non-retryable error', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => {
          calls++;
          throw new TypeError('bug');
        },
        policy,
        { sleep: async () => undefined },
      ),
    ).rejects.toThrow('bug');
    expect(calls).toBe(1);
  });
});
