import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  RunAlreadyExistsError,
  RunNotFoundError,
  type NewRun,
  type Run,
  type RunRepository,
  type RunResults,
} from '@edgecv/use-cases';
import { IdAllocator } from './IdAllocator';
import { RUNS_BY_JOB_INDEX, type TableNames } from './tables';

interface RunItem {
  id: number;
  jobId: number;
  createdAt: string;
  results?: { bucket: string; key: string; size: number; sha256: string; uploadedAt: string };
}

const ALLOCATION_ATTEMPTS = 5;

export class DynamoDbRunRepository implements RunRepository {
  private readonly ids: IdAllocator;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'runs' | 'counters'>,
  ) {
    this.ids = new IdAllocator(documents, tables.counters, 'runs');
  }

  async create(run: NewRun): Promise<Run> {
    if (run.id !== undefined) {
      const created = await this.put({ ...run, id: run.id });
      await this.ids.observe(run.id);
      return created;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.put({ ...run, id: await this.ids.next() });
      } catch (error) {
        if (!(error instanceof RunAlreadyExistsError) || attempt >= ALLOCATION_ATTEMPTS) throw error;
      }
    }
  }

  async findById(id: number): Promise<Run | undefined> {
    const r = await this.documents.send(new GetCommand({ TableName: this.tables.runs, Key: { id }, ConsistentRead: true }));
    return r.Item ? fromItem(r.Item as RunItem) : undefined;
  }

  async *listByJob(jobId: number): AsyncIterable<Run> {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tables.runs,
          IndexName: RUNS_BY_JOB_INDEX,
          KeyConditionExpression: 'jobId = :jobId',
          ExpressionAttributeValues: { ':jobId': jobId },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) yield fromItem(item as RunItem);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }

  async recordResults(id: number, results: RunResults): Promise<Run> {
    try {
      const r = await this.documents.send(
        new UpdateCommand({
          TableName: this.tables.runs,
          Key: { id },
          UpdateExpression: 'SET #results = :results',
          ExpressionAttributeNames: { '#results': 'results' },
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeValues: { ':results': { ...results, uploadedAt: results.uploadedAt.toISOString() } },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(r.Attributes as RunItem);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new RunNotFoundError(id);
      throw error;
    }
  }

  private async put(run: NewRun & { id: number }): Promise<Run> {
    const item: RunItem = { id: run.id, jobId: run.jobId, createdAt: run.createdAt.toISOString() };
    try {
      await this.documents.send(new PutCommand({ TableName: this.tables.runs, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new RunAlreadyExistsError(run.id);
      throw error;
    }
    return fromItem(item);
  }
}

function fromItem(item: RunItem): Run {
  return Object.freeze({
    id: Number(item.id),
    jobId: Number(item.jobId),
    createdAt: new Date(item.createdAt),
    ...(item.results
      ? {
          results: Object.freeze({
            bucket: item.results.bucket,
            key: item.results.key,
            size: Number(item.results.size),
            sha256: item.results.sha256,
            uploadedAt: new Date(item.results.uploadedAt),
          }),
        }
      : {}),
  });
}
