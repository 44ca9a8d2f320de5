import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  JobAlreadyExistsError,
  JobNotFoundError,
  type Job,
  type JobArchive,
  type JobRepository,
  type JobStatus,
  type NewJob,
} from '@edgecv/use-cases';
import { IdAllocator } from './IdAllocator';
import type { TableNames } from './tables';

/** How a job is stored: dates as ISO 8601 UTC strings, so items stay readable in the console. */
interface JobItem {
  id: number;
  createdAt: string;
  name?: string;
  status: JobStatus;
  archive?: { bucket: string; prefix: string; objects: number; bytes: number; archivedAt: string };
}

const ALLOCATION_ATTEMPTS = 5;

export class DynamoDbJobRepository implements JobRepository {
  private readonly ids: IdAllocator;

  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: Pick<TableNames, 'jobs' | 'counters'>,
  ) {
    this.ids = new IdAllocator(documents, tables.counters, 'jobs');
  }

  async create(job: NewJob): Promise<Job> {
    if (job.id !== undefined) {
      const created = await this.put({ ...job, id: job.id });
      await this.ids.observe(job.id);
      return created;
    }
    // An allocated id can only be taken by a job created with that explicit id in between: take the next.
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.put({ ...job, id: await this.ids.next() });
      } catch (error) {
        if (!(error instanceof JobAlreadyExistsError) || attempt >= ALLOCATION_ATTEMPTS) throw error;
      }
    }
  }

  async findById(id: number): Promise<Job | undefined> {
    const r = await this.documents.send(new GetCommand({ TableName: this.tables.jobs, Key: { id }, ConsistentRead: true }));
    return r.Item ? fromItem(r.Item as JobItem) : undefined;
  }

  updateStatus(id: number, status: JobStatus): Promise<Job> {
    return this.update(id, 'SET #status = :status', { ':status': status });
  }

  recordArchive(id: number, archive: JobArchive): Promise<Job> {
    return this.update(id, 'SET #status = :status, #archive = :archive', {
      ':status': 'archived',
      ':archive': { ...archive, archivedAt: archive.archivedAt.toISOString() },
    });
  }

  private async put(job: NewJob & { id: number }): Promise<Job> {
    const item: JobItem = {
      id: job.id,
      createdAt: job.createdAt.toISOString(),
      status: job.status ?? 'created',
      ...(job.name !== undefined ? { name: job.name } : {}),
    };
    try {
      await this.documents.send(new PutCommand({ TableName: this.tables.jobs, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new JobAlreadyExistsError(job.id);
      throw error;
    }
    return fromItem(item);
  }

  private async update(id: number, expression: string, values: Record<string, unknown>): Promise<Job> {
    try {
      const r = await this.documents.send(
        new UpdateCommand({
          TableName: this.tables.jobs,
          Key: { id },
          UpdateExpression: expression,
          ConditionExpression: 'attribute_exists(id)',
          ExpressionAttributeNames: { '#status': 'status', ...(expression.includes('#archive') ? { '#archive': 'archive' } : {}) },
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(r.Attributes as JobItem);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) throw new JobNotFoundError(id);
      throw error;
    }
  }
}

function fromItem(item: JobItem): Job {
  return Object.freeze({
    id: Number(item.id),
    createdAt: new Date(item.createdAt),
    status: item.status,
    ...(item.name !== undefined ? { name: item.name } : {}),
    ...(item.archive
      ? {
          archive: Object.freeze({
            bucket: item.archive.bucket,
            prefix: item.archive.prefix,
            objects: Number(item.archive.objects),
            bytes: Number(item.archive.bytes),
            archivedAt: new Date(item.archive.archivedAt),
          }),
        }
      : {}),
  });
}
