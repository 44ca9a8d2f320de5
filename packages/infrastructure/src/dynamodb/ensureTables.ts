import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DEFINITIONS, type TableKey, type TableNames } from './tables';

/**
 * Creates the tables that do not exist yet and waits until they are active. Idempotent, and safe
 * when two processes race to create the same table.
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
      if (await exists(client, TableName)) return;
      try {
        await client.send(new CreateTableCommand({ TableName, ...TABLE_DEFINITIONS[key] }));
        created.push(TableName);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilTableExists({ client, maxWaitTime: 120, minDelay: 1, maxDelay: 5 }, { TableName });
    }),
  );
  return created.sort();
}

async function exists(client: DynamoDBClient, TableName: string): Promise<boolean> {
  try {
    const r = await client.send(new DescribeTableCommand({ TableName }));
    return r.Table?.TableStatus === 'ACTIVE';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return false;
    throw error;
  }
}
