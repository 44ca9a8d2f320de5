// The one place where the AWS SDK clients the adapters build can be instrumented: each adapter
// that holds clients passes them to the hook once, when the container first builds it. The Lambda
// runtime gives its tracer's captureAWSv3Client here (an X-Ray subsegment per call; a no-op
// outside Lambda), so no adapter needs to know about tracing.
import type { Container } from 'inversify';
import { CompilationServiceToken, ComponentPublisherToken, ImageGeneratorToken, ObjectStoreToken, TrainingServiceToken } from '@edgecv/use-cases';
import { ImageObjectStoreToken } from './modules/imagesModule';
import { DynamoClientsToken } from './tokens';

/** What an AWS SDK v3 client has (and what Powertools' tracer needs): `send` and its middleware stack. */
export interface AwsSdkClient {
  readonly middlewareStack: object;
  send(...args: never[]): Promise<unknown>;
}

export type AwsClientHook = (client: AwsSdkClient) => void;

/** Every binding whose value holds SDK clients (the simulated ML services and the local generator hold none). */
const ADAPTERS_WITH_CLIENTS: readonly symbol[] = [ObjectStoreToken, ImageObjectStoreToken, DynamoClientsToken, ImageGeneratorToken, TrainingServiceToken, CompilationServiceToken, ComponentPublisherToken];

export function hookAwsClients(container: Container, hook: AwsClientHook): void {
  for (const token of ADAPTERS_WITH_CLIENTS) {
    container.onActivation(token, (_context, adapter: unknown) => {
      for (const client of sdkClientsOf(adapter)) hook(client);
      return adapter;
    });
  }
}

/**
 * The SDK clients among an adapter's own fields, one per middleware stack: the DynamoDB document
 * client shares its client's stack, and instrumenting one stack twice would trace each call twice.
 */
export function sdkClientsOf(adapter: unknown): AwsSdkClient[] {
  if (typeof adapter !== 'object' || adapter === null) return [];
  const stacks = new Set<object>();
  const clients: AwsSdkClient[] = [];
  for (const value of Object.values(adapter)) {
    if (!isSdkClient(value) || stacks.has(value.middlewareStack)) continue;
    stacks.add(value.middlewareStack);
    clients.push(value);
  }
  return clients;
}

function isSdkClient(value: unknown): value is AwsSdkClient {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AwsSdkClient>;
  return typeof candidate.send === 'function' && typeof candidate.middlewareStack === 'object' && candidate.middlewareStack !== null;
}
