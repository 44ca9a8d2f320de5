import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { JobAlreadyExistsError, JobNotFoundError, RunAlreadyExistsError, RunNotFoundError } from '@edgecv/use-cases';
import { createDynamoClients, dynamoConfigFromEnv } from './DynamoDbConfig';
import { DynamoDbJobRepository } from './DynamoDbJobRepository';
import { DynamoDbRunRepository } from './DynamoDbRunRepository';
import { ensureTables } from './ensureTables';
import { RUNS_BY_JOB_INDEX, tableNames, type TableNames } from './tables';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
let names: TableNames;
let jobs: DynamoDbJobRepository;
let runs: DynamoDbRunRepository;

beforeAll(async () => {
  names = tableNames(`${uniqueName('edgecv')}-`);
  await ensureTables(client, names);
});
beforeEach(() => {
  // A fresh counter sequence per test keeps the tests independent while sharing the tables.
  const counters = names.counters;
  jobs = new DynamoDbJobRepository(documents, { jobs: names.jobs, counters });
  runs = new DynamoDbRunRepository(documents, { runs: names.runs, counters });
});

describe('ensureTables', () => {
  it('creates every edgecv table once, with the runs index by job, and is idempotent', async () => {
    const again = await ensureTables(client, names);
    expect(again).toEqual([]);
    const runsTable = await client.send(new DescribeTableCommand({ TableName: names.runs }));
    expect(runsTable.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual([RUNS_BY_JOB_INDEX]);
    for (const name of Object.values(names)) {
      expect((await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus).toBe('ACTIVE');
    }
  });

  it('turns on the idempotency table\'s time to live on `expiration`, and leaves it on when run again', async () => {
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: names.idempotency }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiration' });
    await ensureTables(client, names, ['idempotency']);
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: names.idempotency }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('ENABLED');
    expect((await client.send(new DescribeTimeToLiveCommand({ TableName: names.jobs }))).TimeToLiveDescription?.TimeToLiveStatus).toBe('DISABLED');
  });

  it('names tables with the configurable prefix, edgecv- by default', () => {
    expect(tableNames().jobs).toBe('edgecv-jobs');
    expect(tableNames('staging-').migrationJournal).toBe('staging-migration-journal');
  });
});

describe('DynamoDbJobRepository', () => {
  it('stores a job with a given id and reads it back with its exact creation instant', async () => {
    const createdAt = new Date('2025-10-23T21:15:00.123Z');
    const job = await jobs.create({ id: 9_000_001, createdAt, name: 'yolo' });
    expect(job).toEqual({ id: 9_000_001, createdAt, name: 'yolo', status: 'created' });
    expect(await jobs.findById(9_000_001)).toEqual(job);
  });

  it('refuses a second job with the same id with JobAlreadyExistsError', async () => {
    await jobs.create({ id: 9_000_002, createdAt: new Date() });
    await expect(jobs.create({ id: 9_000_002, createdAt: new Date() })).rejects.toBeInstanceOf(JobAlreadyExistsError);
  });

  it('allocates distinct increasing ids from the atomic counter, even concurrently, past explicit ids', async () => {
    const created = await Promise.all(Array.from({ length: 8 }, () => jobs.create({ createdAt: new Date() })));
    const ids = created.map((j) => j.id);
    expect(new Set(ids).size).toBe(8);
    expect(Math.min(...ids)).toBeGreaterThan(9_000_002); // the counter moved past the explicit ids above
  });

  it('returns undefined for a job that does not exist', async () => {
    expect(await jobs.findById(123_456_789)).toBeUndefined();
  });

  it('updates the status and records the archive; JobNotFoundError for a missing job', async () => {
    const job = await jobs.create({ createdAt: new Date('2025-01-01T00:00:00Z') });
    expect((await jobs.updateStatus(job.id, 'completed')).status).toBe('completed');
    const archivedAt = new Date('2025-02-01T00:00:00Z');
    const archived = await jobs.recordArchive(job.id, { bucket: 'archive', prefix: 'jobs/1/', objects: 3, bytes: 42, archivedAt });
    expect(archived).toMatchObject({ status: 'archived', archive: { bucket: 'archive', objects: 3, bytes: 42, archivedAt } });
    await expect(jobs.updateStatus(987_654_321, 'failed')).rejects.toBeInstanceOf(JobNotFoundError);
  });
});

describe('DynamoDbRunRepository', () => {
  it('creates runs, finds them by id and lists a job\'s runs in id order across pages', async () => {
    const job = await jobs.create({ createdAt: new Date() });
    const other = await jobs.create({ createdAt: new Date() });
    const mine = [];
    for (let i = 0; i < 5; i++) mine.push(await runs.create({ jobId: job.id, createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)) }));
    await runs.create({ jobId: other.id, createdAt: new Date() });
    expect(await runs.findById(mine[2]!.id)).toEqual(mine[2]);
    const listed = [];
    for await (const r of runs.listByJob(job.id)) listed.push(r);
    expect(listed).toEqual(mine);
  });

  it('refuses a duplicate run id with RunAlreadyExistsError', async () => {
    await runs.create({ id: 8_000_001, jobId: 1, createdAt: new Date() });
    await expect(runs.create({ id: 8_000_001, jobId: 2, createdAt: new Date() })).rejects.toBeInstanceOf(RunAlreadyExistsError);
  });

  it('records results on an existing run only', async () => {
    const run = await runs.create({ jobId: 1, createdAt: new Date() });
    const results = { bucket: 'b', key: 'jobs/1/x/run_1_results.zip', size: 10, sha256: 'ab'.repeat(32), uploadedAt: new Date('2025-03-03T03:03:03.003Z') };
    expect((await runs.recordResults(run.id, results)).results).toEqual(results);
    expect((await runs.findById(run.id))?.results).toEqual(results);
    await expect(runs.recordResults(77_777_777, results)).rejects.toBeInstanceOf(RunNotFoundError);
  });
});
