// The AWS SDK's failures in the ports' terms, read in this one place: each AWS adapter installs
// the translation on its client (translateErrorsOf), so nothing above an adapter ever sees an
// SDK error class, an HTTP status or a socket code.
import { EdgecvError } from '@edgecv/domain';
import {
  CredentialsExpiredError,
  CredentialsMissingError,
  KmsAccessDeniedError,
  RequestTimeSkewedError,
  ServiceAccessDeniedError,
  ServiceConflictError,
  ServiceRejectedError,
  ServiceResourceNotFoundError,
  ServiceThrottledError,
  ServiceUnavailableError,
  type ServiceFailure,
  type ServiceName,
} from '@edgecv/use-cases';

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const THROTTLED = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
  'ResourceLimitExceeded',
  'ServiceQuotaExceededException',
]);
const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AllAccessDisabled',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
]);
/** The credentials were accepted once but are no longer valid: renew them. */
const EXPIRED_CREDENTIALS = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'RequestExpired']);
/** The request's signature time is too far from the service's clock. */
const CLOCK_SKEW = new Set(['RequestTimeTooSkewed', 'RequestTimeTooSkewedException', 'SignatureExpired']);
/** The SDK found no credentials at all (raised before any request is sent). */
const NO_CREDENTIALS = new Set(['CredentialsProviderError', 'TokenProviderError']);
/** Socket-level failures: nothing reached the service, or its answer was lost. */
const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ECONNABORTED']);
const TIMEOUT_MESSAGE = /requestTimeout|timed out|timeout/i;
/** What a socket failure means, in the words a message shows (the code itself stays on the error for logs). */
const NETWORK_WORDS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection dropped',
  EPIPE: 'connection dropped',
  UND_ERR_SOCKET: 'connection dropped',
  ECONNABORTED: 'connection dropped',
  ETIMEDOUT: 'no answer in time',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
};

export interface AwsErrorFacts {
  /** The SDK's name for the failure (`NoSuchKey`, `SlowDown`) or the socket's code. */
  readonly providerCode: string | undefined;
  readonly httpStatus: number | undefined;
  /** A socket-level failure: refused, reset, unresolvable host. */
  readonly network: boolean;
  /** The attempt's deadline passed before the service answered. */
  readonly timedOut: boolean;
}

/** What an SDK error says, reading through the wrappers the SDK and Node put around socket errors. */
export function awsErrorFacts(error: unknown): AwsErrorFacts {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const socketCode = networkCode(error);
  const name = typeof e.name === 'string' ? e.name : undefined;
  const named = typeof e.Code === 'string' ? e.Code : name;
  // The Node handler renames resets and socket timeouts to TimeoutError; the code tells them apart.
  const timedOut = name === 'TimeoutError' && (socketCode === undefined || socketCode === 'ETIMEDOUT') && TIMEOUT_MESSAGE.test(String(e.message ?? ''));
  return {
    providerCode: socketCode ?? named,
    httpStatus: status,
    network: socketCode !== undefined,
    timedOut,
  };
}

/** The SDK sometimes wraps a socket error into a plain one that keeps only its message. */
const NETWORK_MESSAGE = new RegExp(`\\b(${[...NETWORK].join('|')})\\b|(socket hang up|other side closed)`);

function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const e = error as SdkErrorShape;
  if (typeof e.code === 'string' && NETWORK.has(e.code)) return e.code;
  const inMessage = typeof e.message === 'string' ? NETWORK_MESSAGE.exec(e.message) : null;
  if (inMessage) return inMessage[1] ?? 'ECONNRESET';
  // Node's happy-eyeballs connect reports an AggregateError whose members carry the codes.
  if (Array.isArray(e.errors)) for (const inner of e.errors) {
    const code = networkCode(inner, depth + 1);
    if (code !== undefined) return code;
  }
  return networkCode(e.cause, depth + 1);
}

/**
 * The categories every AWS service shares: throttled, unavailable (5xx, sockets), access denied,
 * and, for other 4xx answers, rejected. `undefined` for what is not an SDK failure at all (a bug,
 * an abort by the caller): that is passed on unchanged.
 */
export function translateAwsError(service: ServiceName, error: unknown, failure: Omit<ServiceFailure, 'service' | 'cause' | 'providerCode' | 'httpStatus'>, endpoint?: string): EdgecvError | undefined {
  if (error instanceof EdgecvError) return error;
  const facts = awsErrorFacts(error);
  const base: ServiceFailure = { service, ...failure, cause: error, ...(facts.providerCode ? { providerCode: facts.providerCode } : {}), ...(facts.httpStatus ? { httpStatus: facts.httpStatus } : {}) };
  const name = facts.providerCode ?? '';
  const message = String((error as SdkErrorShape).message ?? '');
  if (THROTTLED.has(name) || facts.httpStatus === 429) return new ServiceThrottledError(base);
  if (NO_CREDENTIALS.has(name)) return new CredentialsMissingError({ ...base, reason: message.split('\n')[0] ?? '' });
  if (EXPIRED_CREDENTIALS.has(name) || /security token included in the request is expired|token has expired/i.test(message)) return new CredentialsExpiredError({ ...base, ...actionOf(service, failure.operation) });
  if (CLOCK_SKEW.has(name) || /signature expired|time.*too skewed/i.test(message)) return new RequestTimeSkewedError(base);
  if (name.startsWith('KMS.') || name.startsWith('KMS') || ((ACCESS_DENIED.has(name) || facts.httpStatus === 403) && /\bkms\b|KMS key/i.test(message))) return new KmsAccessDeniedError({ ...base, reason: message });
  if (ACCESS_DENIED.has(name) || facts.httpStatus === 403) return new ServiceAccessDeniedError({ ...base, ...actionOf(service, failure.operation) });
  if (facts.network || facts.timedOut || (facts.httpStatus !== undefined && facts.httpStatus >= 500) || name === 'TimeoutError') {
    const reason = facts.timedOut ? 'no answer in time' : facts.network ? NETWORK_WORDS[name] : `server error${facts.httpStatus ? ` ${facts.httpStatus}` : ''}`;
    return new ServiceUnavailableError({ ...base, ...(endpoint ? { endpoint } : {}), ...(reason ? { reason } : {}) });
  }
  if (name === 'ResourceNotFoundException' || name === 'ResourceNotFound') return new ServiceResourceNotFoundError(base, service === 'DYNAMODB' ? 'table' : 'resource');
  if (name === 'ResourceInUse' || name === 'ResourceInUseException' || name === 'ConflictException') return new ServiceConflictError({ ...base, reason: String((error as SdkErrorShape).message ?? name) });
  if (facts.httpStatus !== undefined && facts.httpStatus >= 400) return new ServiceRejectedError({ ...base, reason: String((error as SdkErrorShape).message ?? name) });
  return undefined;
}

/** The smallest client surface the translation needs: its middleware stack. */
interface WithMiddleware {
  readonly middlewareStack: {
    add(
      middleware: (next: (args: { input: object }) => Promise<unknown>, context: { commandName?: string }) => (args: { input: object }) => Promise<unknown>,
      options: { step: 'initialize'; name: string; override?: boolean },
    ): void;
  };
}

/**
 * Every call through `client` (and clients sharing its stack, like the DynamoDB document client
 * or lib-storage's uploads) fails with the port's typed error: the translation sits outside the
 * SDK's own retries, so it sees each call's final failure once.
 */
export function translateErrorsOf<C>(client: C, translate: (error: unknown, call: { operation: string; input: Record<string, unknown> }) => unknown): C {
  (client as unknown as WithMiddleware).middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw translate(error, { operation: (context.commandName ?? 'request').replace(/Command$/, ''), input: args.input as Record<string, unknown> });
      }
    },
    { step: 'initialize', name: 'edgecvErrorTranslation', override: true },
  );
  return client;
}

/** S3 operations whose IAM action is not `s3:` + the operation's name. */
const S3_ACTIONS: Readonly<Record<string, string>> = {
  HeadBucket: 's3:ListBucket',
  ListObjectsV2: 's3:ListBucket',
  ListObjects: 's3:ListBucket',
  ListObjectVersions: 's3:ListBucketVersions',
  HeadObject: 's3:GetObject',
  GetObjectAttributes: 's3:GetObject',
  CopyObject: 's3:GetObject and s3:PutObject',
  UploadPartCopy: 's3:GetObject and s3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  DeleteObjects: 's3:DeleteObject',
  GetBucketVersioning: 's3:GetBucketVersioning',
  GetBucketEncryption: 's3:GetEncryptionConfiguration',
  GetObjectLockConfiguration: 's3:GetBucketObjectLockConfiguration',
  GetBucketLocation: 's3:GetBucketLocation',
};

/** The IAM action a denied operation needs, for the message an operator acts on. */
export function iamActionOf(service: ServiceName, operation: string): string | undefined {
  if (service === 'S3') return S3_ACTIONS[operation] ?? `s3:${operation}`;
  if (service === 'DYNAMODB') return `dynamodb:${operation}`;
  if (service === 'SAGEMAKER') return `sagemaker:${operation}`;
  if (service === 'GREENGRASS') return `greengrass:${operation}`;
  if (service === 'BEDROCK') return `bedrock:${operation}`;
  if (service === 'STS') return `sts:${operation}`;
  return undefined;
}

function actionOf(service: ServiceName, operation: string): { action?: string } {
  const action = iamActionOf(service, operation);
  return action === undefined ? {} : { action };
}
