// How a runtime's idempotent routes keep their records: plain data on the Runtime, so that only
// the handlers of idempotent routes load Powertools idempotency (runtime/idempotency.ts) and the
// others stay without it and its JMESPath engine (about 40 KB of every bundle).
import type { AwsClientHook } from '@edgecv/container';

export const DEFAULT_IDEMPOTENCY_EXPIRY_SECONDS = 3600;

export interface IdempotencySettings {
  /** How long an answer is replayed (3600 s by default; EDGECV_IDEMPOTENCY_EXPIRY_SECONDS). */
  readonly expiresAfterSeconds: number;
  /** Given the DynamoDB client of the idempotency table once it is built (the Lambda's tracer captures it). */
  readonly onClient?: AwsClientHook;
}

/** EDGECV_IDEMPOTENCY_EXPIRY_SECONDS: a positive integer, 3600 when unset. */
export function idempotencyExpiryFromEnv(env: NodeJS.ProcessEnv): number {
  const raw = env.EDGECV_IDEMPOTENCY_EXPIRY_SECONDS;
  if (raw === undefined || raw === '') return DEFAULT_IDEMPOTENCY_EXPIRY_SECONDS;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) throw new RangeError(`EDGECV_IDEMPOTENCY_EXPIRY_SECONDS must be a positive integer, got ${JSON.stringify(raw)}`);
  return seconds;
}
