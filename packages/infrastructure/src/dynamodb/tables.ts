// Every edgecv DynamoDB table, as data: the local stack and tests create them with
// ensureTables, the CDK app will declare the same definitions. Schema notes: docs/dynamodb-schema.md.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export type TableKey = 'jobs' | 'runs' | 'counters' | 'training' | 'compilation' | 'deployments' | 'migrationJournal' | 'idempotency';

export type TableNames = Readonly<Record<TableKey, string>>;

export const DEFAULT_TABLE_PREFIX = 'edgecv-';

/** Physical names: the prefix (default `edgecv-`) then the table's own name. */
export function tableNames(prefix: string = DEFAULT_TABLE_PREFIX): TableNames {
  return Object.freeze({
    jobs: `${prefix}jobs`,
    runs: `${prefix}runs`,
    counters: `${prefix}counters`,
    training: `${prefix}training`,
    compilation: `${prefix}compilation`,
    deployments: `${prefix}deployments`,
    migrationJournal: `${prefix}migration-journal`,
    idempotency: `${prefix}idempotency`,
  });
}

export const RUNS_BY_JOB_INDEX = 'byJob';

type Definition = Omit<CreateTableCommandInput, 'TableName'>;

const onDemand = { BillingMode: 'PAY_PER_REQUEST' } as const;

export const TABLE_DEFINITIONS: Readonly<Record<TableKey, Definition>> = Object.freeze({
  jobs: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  },
  runs: {
    ...onDemand,
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'N' },
      { AttributeName: 'jobId', AttributeType: 'N' },
    ],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [
      {
        IndexName: RUNS_BY_JOB_INDEX,
        KeySchema: [
          { AttributeName: 'jobId', KeyType: 'HASH' },
          { AttributeName: 'id', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  },
  counters: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'name', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }],
  },
  training: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'jobName', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'jobName', KeyType: 'HASH' }],
  },
  compilation: {
    ...onDemand,
    AttributeDefinitions: [
      { AttributeName: 'jobName', AttributeType: 'S' },
      { AttributeName: 'target', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'jobName', KeyType: 'HASH' },
      { AttributeName: 'target', KeyType: 'RANGE' },
    ],
  },
  deployments: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'name', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'name', KeyType: 'HASH' }],
  },
  migrationJournal: {
    ...onDemand,
    AttributeDefinitions: [
      { AttributeName: 'planId', AttributeType: 'S' },
      { AttributeName: 'oldKey', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'planId', KeyType: 'HASH' },
      { AttributeName: 'oldKey', KeyType: 'RANGE' },
    ],
  },
  // Powertools idempotency's DynamoDB persistence layer (the HTTP API's POST/PUT routes): its
  // default key attribute `id`, items expiring by the epoch seconds in `expiration`.
  idempotency: {
    ...onDemand,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  },
});

/**
 * Tables whose items DynamoDB deletes once the epoch-seconds attribute named here has passed
 * (TTL is set after CreateTable, so it is not part of the definitions above).
 */
export const TABLE_TIME_TO_LIVE: Readonly<Partial<Record<TableKey, string>>> = Object.freeze({
  idempotency: 'expiration',
});
