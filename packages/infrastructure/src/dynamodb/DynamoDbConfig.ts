import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../shared/RetryPolicy';
import { DEFAULT_TABLE_PREFIX } from './tables';
import { credentialsFromEnv } from '../shared/credentialsFromEnv';

export interface DynamoDbConfig {
  readonly region: string;
  readonly endpoint?: string;
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Prepended to every table name (default `edgecv-`). */
  readonly tablePrefix?: string;
  readonly timeoutMs?: number;
  /** Attempts for the SDK's standard retry mode (jittered exponential backoff on throttling, 5xx, resets). */
  readonly retry?: RetryPolicy;
}

export function dynamoConfigFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<DynamoDbConfig> = {}): DynamoDbConfig {
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
    maxAttempts: (config.retry ?? DEFAULT_RETRY_POLICY).attempts,
    retryMode: 'standard',
    requestHandler: new NodeHttpHandler({
      httpAgent: new HttpAgent({ keepAlive: true }),
      httpsAgent: new HttpsAgent({ keepAlive: true }),
      connectionTimeout: Math.min(timeoutMs, 10_000),
      requestTimeout: timeoutMs,
    }),
  });
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documents };
}
