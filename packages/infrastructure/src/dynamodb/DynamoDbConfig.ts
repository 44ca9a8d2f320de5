import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { sdkRetryOptions, type RetryPolicy } from '../shared/RetryPolicy';
import { translateErrorsOf } from '../shared/awsErrors';
import { translateDynamoDbError } from './dynamoDbErrors';
import { DEFAULT_TABLE_PREFIX } from './tables';
import { credentialsFromEnv, type AwsCredentials } from '../shared/credentialsFromEnv';

export interface DynamoDbConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: AwsCredentials;
  /** Prepended to every table name (default `edgecv-`). */
  readonly tablePrefix?: string;
  readonly timeoutMs?: number;
  /** The SDK's retry strategy (jittered exponential backoff on throttling, 5xx, resets, timeouts). */
  readonly retry?: RetryPolicy;
}

export function dynamoConfigFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<DynamoDbConfig> = {}): DynamoDbConfig {
  const endpoint = env.AWS_ENDPOINT_URL_DYNAMODB ?? env.AWS_ENDPOINT_URL;
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(endpoint !== undefined ? { endpoint } : {}),
    ...credentialsFromEnv(env),
    tablePrefix: env.EDGECV_TABLE_PREFIX ?? DEFAULT_TABLE_PREFIX,
    ...overrides,
  };
}

export function createDynamoClients(config: DynamoDbConfig): { client: DynamoDBClient; documents: DynamoDBDocumentClient } {
  const timeoutMs = config.timeoutMs ?? 30_000;
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    ...(config.credentials !== undefined ? { credentials: config.credentials } : {}),
    ...sdkRetryOptions(config.retry),
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
      connectionTimeout: Math.min(timeoutMs, 10_000),
      // Each attempt gets its deadline (then retried by the SDK), not just a warning in the log.
      requestTimeout: timeoutMs,
      throwOnRequestTimeout: true,
    }),
  });
  // Translated before the document client wraps it, so both report the ports' typed errors.
  translateErrorsOf(client, (error, call) => translateDynamoDbError(error, call, config.endpoint));
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documents };
}
