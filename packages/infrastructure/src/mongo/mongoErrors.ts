// The MongoDB driver's failures in the ports' terms: an unreachable or dropped server is
// MONGO_UNAVAILABLE, refused credentials MONGO_ACCESS_DENIED, a URI the driver cannot read an
// invalid configuration. What the adapters handle themselves (a duplicate key) never gets here.
import { EdgecvError, InvalidConfigError } from '@edgecv/domain';
import { ServiceAccessDeniedError, ServiceRejectedError, ServiceUnavailableError } from '@edgecv/use-cases';
import { MongoNetworkError, MongoParseError, MongoServerError, MongoServerSelectionError, MongoTopologyClosedError, MongoError } from 'mongodb';

/** Server codes that mean the credentials were refused (Unauthorized, AuthenticationFailed). */
const DENIED_CODES = new Set([13, 18]);

export function translateMongoError(operation: string, error: unknown): unknown {
  if (error instanceof EdgecvError) return error;
  const failure = { service: 'MONGO' as const, operation, cause: error, providerCode: error instanceof Error ? error.name : undefined };
  if (error instanceof MongoParseError) return new InvalidConfigError('mongodb.uri', '(hidden: it may hold credentials)', error.message);
  if (error instanceof MongoServerSelectionError) return new ServiceUnavailableError({ ...failure, reason: 'no server answered in time' });
  if (error instanceof MongoNetworkError || error instanceof MongoTopologyClosedError) return new ServiceUnavailableError({ ...failure, reason: 'connection lost' });
  if (error instanceof MongoServerError && typeof error.code === 'number' && DENIED_CODES.has(error.code)) return new ServiceAccessDeniedError(failure);
  if (error instanceof MongoError && (error.hasErrorLabel('RetryableWriteError') || error.hasErrorLabel('ResetPool'))) return new ServiceUnavailableError(failure);
  if (error instanceof MongoServerError) return new ServiceRejectedError({ ...failure, reason: error.message });
  return error;
}

/** Runs one driver call, failing with the ports' typed error. */
export async function mongoCall<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateMongoError(operation, error);
  }
}

/** Iterates a driver cursor, failing with the ports' typed error. */
export async function* mongoCursor<T>(operation: string, iterate: () => AsyncIterable<T>): AsyncIterable<T> {
  try {
    yield* iterate();
  } catch (error) {
    throw translateMongoError(operation, error);
  }
}
