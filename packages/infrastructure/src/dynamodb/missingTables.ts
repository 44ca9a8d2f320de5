// Pre-flight for a command: which of the tables it needs do not exist on the target. Any other
// failure (access denied, expired credentials, an unreachable endpoint) is the ports' typed error.
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { translateAwsError } from '../shared/awsErrors';

export async function missingTables(client: DynamoDBClient, names: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const name of names) {
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
    } catch (error) {
      // DescribeTable passes through the client's translation untouched (see dynamoDbErrors.ts).
      if ((error as { name?: unknown }).name === 'ResourceNotFoundException') missing.push(name);
      else throw translateAwsError('DYNAMODB', error, { operation: 'DescribeTable', resource: `table ${name}` }) ?? error;
    }
  }
  return missing;
}
