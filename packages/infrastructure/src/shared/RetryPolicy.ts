// One retry policy, in one layer: the SDK's own retry strategy on every AWS client an adapter
// builds, configured here from the config (attempts, standard or adaptive mode). Throttling, 5xx,
// dropped connections and attempt timeouts are retried with the SDK's jittered backoff and its
// retry quota; the use cases retry only what is theirs (a migration record after a failed run,
// the image upload schedule of spec 003), so no request is retried at two levels.

export type RetryMode = 'standard' | 'adaptive';

export interface RetryPolicy {
  /** Total attempts, the first included; 1 turns the SDK's retries off. */
  readonly attempts: number;
  /** 'adaptive' also rate-limits the client when the service throttles. */
  readonly mode: RetryMode;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({ attempts: 4, mode: 'standard' });

/** The client options that apply a policy (the same for every AWS SDK v3 client). */
export function sdkRetryOptions(policy: RetryPolicy = DEFAULT_RETRY_POLICY): { maxAttempts: number; retryMode: RetryMode } {
  return { maxAttempts: policy.attempts, retryMode: policy.mode };
}
