// Idempotent POST/PUT routes through Powertools idempotency and its DynamoDB persistence layer
// (table `{prefix}idempotency`): the first request with a key runs and its answer is stored; the
// same request again within the expiry gets that answer back (header `idempotent-replayed: true`)
// without running; the same key with another request is refused (422), and a second request while
// the first still runs is refused (409). Only successful answers are stored: a failed request
// leaves no record, so its retry runs again. docs/api.md, "Idempotency".
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, IdempotencyValidationError, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { EdgecvView } from '@edgecv/container';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { HttpResult } from '../http/http';
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER, type IdempotencyPolicy } from '../http/idempotencyPolicies';
import type { IdempotentRun } from './defineHandler';
import type { Runtime } from './Runtime';

/** What a request is, for its fingerprint: the route, the exact path and query, the body as sent. */
const REQUEST = '[routeKey, rawPath, rawQueryString, body]';
const KEY_PATH: Readonly<Record<IdempotencyPolicy, string>> = {
  key: `headers."${IDEMPOTENCY_KEY_HEADER}"`,
  'key-or-request': `headers."${IDEMPOTENCY_KEY_HEADER}" || ${REQUEST}`,
};

/** Printable ASCII, no blank at either end, at most 255 characters (the usual UUID or ULID fits). */
export { IdempotencyKeyReusedError, IdempotentRequestInProgressError, InvalidIdempotencyKeyError } from './idempotencyErrors';
import { IdempotencyKeyReusedError, IdempotentRequestInProgressError, InvalidIdempotencyKeyError } from './idempotencyErrors';

const VALID_KEY = /^[\x21-\x7e](?:[\x20-\x7e]{0,253}[\x21-\x7e])?$/;

export interface IdempotencyStoreSettings {
  /** The `{prefix}idempotency` table. */
  readonly tableName: string;
  /** How long an answer is replayed. */
  readonly expiresAfterSeconds: number;
  /** The DynamoDB the container uses (region, endpoint, credentials). */
  readonly dynamodb: Pick<EdgecvView['config']['dynamodb'], 'region' | 'endpoint' | 'credentials'>;
  /** Given the client once it is built (the Lambda's tracer captures it). */
  readonly onClient?: (client: DynamoDBClient) => void;
}

/** One store per container: the handlers of one runtime share its DynamoDB client. */
const stores = new WeakMap<EdgecvView, HttpIdempotency>();

/**
 * What the handlers of idempotent routes give defineHandler: the work of a request run once per
 * key, in the store of the runtime's container and with its settings.
 */
export const idempotent: IdempotentRun = (entry, policy, event, context, runtime, work) => storeOf(runtime).run(entry, policy, event, context, work);

/** Releases the DynamoDB client of a runtime's store, if one was built (serve, tests; a Lambda keeps it). */
export function releaseIdempotency(runtime: Runtime<EdgecvView>): void {
  stores.get(runtime.edgecv)?.destroy();
  stores.delete(runtime.edgecv);
}

function storeOf(runtime: Runtime<EdgecvView>): HttpIdempotency {
  let store = stores.get(runtime.edgecv);
  if (store === undefined) {
    const { expiresAfterSeconds, onClient } = runtime.idempotency;
    store = new HttpIdempotency({
      tableName: runtime.edgecv.config.tables.idempotency,
      expiresAfterSeconds,
      dynamodb: runtime.edgecv.config.dynamodb,
      ...(onClient ? { onClient } : {}),
    });
    stores.set(runtime.edgecv, store);
  }
  return store;
}

type Work = () => Promise<HttpResult>;
type PolicyRun = (event: APIGatewayProxyEventV2, context: Context, work: Work) => Promise<HttpResult>;

export class HttpIdempotency {
  private client: DynamoDBClient | undefined;
  private readonly runs = new Map<string, PolicyRun>();

  constructor(private readonly settings: IdempotencyStoreSettings) {}

  /**
   * `work` once per request of route `entry` under `policy`. `context` gives the time the request
   * may still run (how long a record stays in progress): the Lambda's, or serve's request budget.
   */
  async run(entry: string, policy: IdempotencyPolicy, event: APIGatewayProxyEventV2, context: Context, work: Work): Promise<HttpResult> {
    const key = event.headers?.[IDEMPOTENCY_KEY_HEADER];
    if (key !== undefined && !VALID_KEY.test(key)) throw new InvalidIdempotencyKeyError(key);
    try {
      return await this.idempotentRun(entry, policy)(event, context, work);
    } catch (error) {
      if (error instanceof IdempotencyValidationError) throw new IdempotencyKeyReusedError(event.routeKey);
      if (error instanceof IdempotencyAlreadyInProgressError) throw new IdempotentRequestInProgressError(event.routeKey);
      throw error;
    }
  }

  /** Releases the DynamoDB client's connections (serve, tests; a Lambda keeps it for its lifetime). */
  destroy(): void {
    this.client?.destroy();
    this.client = undefined;
    this.runs.clear();
  }

  /**
   * One persistence layer per route: Powertools configures a layer once, with the first
   * configuration it sees, and prefixes every key with the entry name, so routes never share a key.
   */
  private idempotentRun(entry: string, policy: IdempotencyPolicy): PolicyRun {
    const id = `${entry}\u0000${policy}`;
    let run = this.runs.get(id);
    if (run === undefined) {
      const persistenceStore = new DynamoDBPersistenceLayer({ tableName: this.settings.tableName, awsSdkV3Client: this.dynamoDb() });
      const config = new IdempotencyConfig({
        eventKeyJmesPath: KEY_PATH[policy],
        payloadValidationJmesPath: REQUEST,
        expiresAfterSeconds: this.settings.expiresAfterSeconds,
        responseHook: (response) => markReplayed(response as unknown as HttpResult) as never,
      });
      // The event is what is hashed (a handler's first argument when the second is a Context).
      run = makeIdempotent((_event: APIGatewayProxyEventV2, _context: Context, work: Work) => work(), { persistenceStore, config, keyPrefix: entry });
      this.runs.set(id, run);
    }
    return run;
  }

  private dynamoDb(): DynamoDBClient {
    if (this.client === undefined) {
      const { region, endpoint, credentials } = this.settings.dynamodb;
      // Its own client, not the container's: Powertools recognises the SDK's own conditional-check
      // failure, which the container's adapters translate into edgecv errors.
      this.client = new DynamoDBClient({ region, ...(endpoint !== undefined ? { endpoint } : {}), ...(credentials !== undefined ? { credentials } : {}) });
      this.settings.onClient?.(this.client);
    }
    return this.client;
  }
}

function markReplayed(response: HttpResult): HttpResult {
  return { ...response, headers: { ...response.headers, [REPLAYED_HEADER]: 'true' } };
}
