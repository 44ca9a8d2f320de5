import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { translateAwsError } from '../shared/awsErrors';
import { TABLE_DEFINITIONS, TABLE_TIME_TO_LIVE, type TableKey, type TableNames } from './tables';

/**
 * Creates the tables that do not exist yet, waits until they are active, and turns on the time to
 * live of those TABLE_TIME_TO_LIVE names. Idempotent, and safe when two processes race to create
 * the same table.
 */
export async function ensureTables(
  client: DynamoDBClient,
  names: TableNames,
  which: readonly TableKey[] = Object.keys(TABLE_DEFINITIONS) as TableKey[],
): Promise<string[]> {
  const created: string[] = [];
  await Promise.all(
    which.map(async (key) => {
      const TableName = names[key];
      if (!(await exists(client, TableName))) {
        try {
          await client.send(new CreateTableCommand({ TableName, ...TABLE_DEFINITIONS[key] }));
          created.push(TableName);
        } catch (error) {
          if (!(error instanceof ResourceInUseException)) throw error;
        }
        await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 }, { TableName });
      }
      const ttl = TABLE_TIME_TO_LIVE[key];
      if (ttl !== undefined) await ensureTimeToLive(client, TableName, ttl);
    }),
  );
  return created.sort();
}

/** The tables of `which` that do not exist (or are not active yet), by name; reads only. */
export async function missingTables(
  client: DynamoDBClient,
  names: TableNames,
  which: readonly TableKey[] = Object.keys(TABLE_DEFINITIONS) as TableKey[],
): Promise<string[]> {
  const found = await Promise.all(which.map(async (key) => ((await exists(client, names[key])) ? undefined : names[key])));
  return found.filter((name): name is string => name !== undefined).sort();
}

async function exists(client: DynamoDBClient, TableName: string): Promise<boolean> {
  try {
    const r = await client.send(new DescribeTableCommand({ TableName }));
    return r.Table?.TableStatus === 'ACTIVE';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    // DescribeTable passes the client's translation untouched (dynamoDbErrors.ts): a refusal is typed here.
    throw translateAwsError('DYNAMODB', error, { operation: 'DescribeTable', resource: `table ${TableName}` }) ?? error;
  }
}

async function ensureTimeToLive(client: DynamoDBClient, TableName: string, AttributeName: string): Promise<void> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if ((status === 'ENABLED' || status === 'ENABLING') && current.TimeToLiveDescription?.AttributeName === AttributeName) return;
  try {
    await client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName } }));
  } catch (error) {
    // Another process turned it on between the two calls.
    if (!(error instanceof Error && error.name === 'ValidationException' && /already enabled/i.test(error.message))) throw error;
  }
}
