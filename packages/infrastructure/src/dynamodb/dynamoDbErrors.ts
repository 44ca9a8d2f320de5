// DynamoDB's failures in the ports' terms. The answers a repository acts on itself (a failed
// condition, a cancelled transaction, a table being created) pass through to it unchanged, and so
// does DescribeTable, whose "not found" the provisioning waiter reads by the SDK's own name.
import { translateAwsError } from '../shared/awsErrors';

const REPOSITORY_BUSINESS = new Set(['ConditionalCheckFailedException', 'TransactionCanceledException', 'ResourceInUseException']);

export function translateDynamoDbError(error: unknown, call: { operation: string; input: Record<string, unknown> }, endpoint?: string): unknown {
  const name = (error as { name?: unknown } | undefined)?.name;
  if ((typeof name === 'string' && REPOSITORY_BUSINESS.has(name)) || call.operation === 'DescribeTable') return error;
  const table = typeof call.input.TableName === 'string' ? call.input.TableName : undefined;
  return translateAwsError('DYNAMODB', error, { operation: call.operation, ...(table ? { resource: `table ${table}` } : {}) }, endpoint) ?? error;
}
