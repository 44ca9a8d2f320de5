// Compilation records in `edgecv-compilation`, one item per (jobName, target); output_uri is the
// attribute the migration's cut-over rewrites (COMPILATION_REFERENCES).
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  CompilationJobAlreadyExistsError,
  CompilationJobNotFoundError,
  type CompilationJobState,
  type CompilationRecord,
  type CompilationRecordRepository,
  type StateUpdate,
} from '@edgecv/use-cases';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { stateUpdate } from './DynamoDbTrainingRecordRepository';
import type { TableNames } from './tables';

interface CompilationItem {
  jobName: string;
  target: string;
  neoJobName: string;
  state: CompilationJobState;
  arn?: string;
  output_uri: string;
  sourceModelUri: string;
  framework: string;
  createdAt: string;
  updatedAt: string;
  failureReason?: string;
}

/** DynamoDB transactions take at most 100 items; Neo has fewer targets than that. */
const MAX_TARGETS = 100;

export class DynamoDbCompilationRecordRepository implements CompilationRecordRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'compilation'>,
  ) {}

  async createAll(records: readonly CompilationRecord[]): Promise<void> {
    const first = records[0];
    if (first === undefined) return;
    if (records.length > MAX_TARGETS) throw new RangeError(`at most ${MAX_TARGETS} targets per compilation job`);
    try {
      await this.documents.send(
        new TransactWriteCommand({
          TransactItems: records.map((r) => ({
            Put: { TableName: this.tables.compilation, Item: toItem(r), ConditionExpression: 'attribute_not_exists(jobName)' },
          })),
        }),
      );
    } catch (error) {
      if (error instanceof TransactionCanceledException || (error as { name?: string }).name === 'TransactionCanceledException') {
        throw new CompilationJobAlreadyExistsError(first.jobName);
      }
      throw error;
    }
  }

  async listTargets(jobName: string): Promise<CompilationRecord[]> {
    const records: CompilationRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tables.compilation,
          KeyConditionExpression: 'jobName = :job',
          ExpressionAttributeValues: { ':job': jobName },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? []) records.push(fromItem(item as CompilationItem));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return records;
  }

  async updateState(jobName: string, target: string, update: StateUpdate<CompilationJobState>): Promise<void> {
    try {
      await this.documents.send(new UpdateCommand(stateUpdate(this.tables.compilation, { jobName, target }, 'jobName', update)));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new CompilationJobNotFoundError(jobName, target);
      throw error;
    }
  }
}

function toItem(r: CompilationRecord): CompilationItem {
  return {
    jobName: r.jobName,
    target: r.target,
    neoJobName: r.neoJobName,
    state: r.state,
    ...(r.arn !== undefined ? { arn: r.arn } : {}),
    output_uri: r.outputUri,
    sourceModelUri: r.sourceModelUri,
    framework: r.framework,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    ...(r.failureReason !== undefined ? { failureReason: r.failureReason } : {}),
  };
}

function fromItem(i: CompilationItem): CompilationRecord {
  return {
    jobName: i.jobName,
    target: i.target,
    neoJobName: i.neoJobName,
    state: i.state,
    ...(i.arn !== undefined ? { arn: i.arn } : {}),
    outputUri: i.output_uri,
    sourceModelUri: i.sourceModelUri,
    framework: i.framework,
    createdAt: new Date(i.createdAt),
    updatedAt: new Date(i.updatedAt),
    ...(i.failureReason !== undefined ? { failureReason: i.failureReason } : {}),
  };
}
