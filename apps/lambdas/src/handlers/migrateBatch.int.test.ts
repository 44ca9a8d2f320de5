// The migrate-batch handler: an S3 Batch Operations invocation naming its journal (userArguments)
// copies and verifies each task through the container's DynamoDB journal.
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { Edgecv } from '@edgecv/container';
import { S3ObjectStore } from '@edgecv/infrastructure/s3';
import { DynamoDbMigrationJournal, createDynamoClients, dynamoConfigFromEnv, tableNames } from '@edgecv/infrastructure/dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { planMigration, rulesHash, s3BatchManifestLines } from '@edgecv/use-cases';
import { Readable } from 'node:stream';
import { emfDocuments, jsonLinesOf } from '../runtime/jsonOutput.fixture';
import { serveLogger, serveRuntime } from '../runtime/serveRuntime';
import { migrateBatch } from './migrateBatch';

const clock = { now: () => new Date() };

describe('migrate-batch handler', () => {
  it('copies the tasks of the journal the job names, and refuses a job that names none', async () => {
    const bucket = uniqueName('batch');
    const prefix = `${uniqueName('batch')}-`;
    const edgecv = Edgecv.fromEnv(process.env, { artifactBucket: bucket, dynamodb: { tablePrefix: prefix }, edge: { mlServices: 'simulated', sageMakerRoleArn: '' } });
    // The bucket's objects, set up and checked with the adapter itself (apps never reach it).
    const store = new S3ObjectStore(edgecv.config.s3);
    const { documents, client } = createDynamoClients(dynamoConfigFromEnv(process.env));
    try {
      await edgecv.provision();
      const key = 'datasets//training-output/job-9/output/model.tar.gz';
      await store.putStream(bucket, key, Readable.from([Buffer.from('model')]));
      const journalId = uniqueName('plan');
      const journal = new DynamoDbMigrationJournal(documents, tableNames(prefix).migrationJournal, journalId);
      await planMigration({ bucket, journal }, { store: store, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });

      const runtime = serveRuntime(edgecv, { logLevel: 'SILENT' });
      const tasks = [{ taskId: 't1', s3Bucket: bucket, s3Key: encodeURIComponent(key), s3VersionId: null }];
      const response = await migrateBatch({ invocationSchemaVersion: '2.0', invocationId: 'inv', job: { id: 'j', userArguments: { journalId } }, tasks }, runtime);
      expect(response.results).toEqual([{ taskId: 't1', resultCode: 'Succeeded', resultString: expect.any(String) }]);
      expect(await store.head(bucket, 'models/training/job-9/output/model.tar.gz')).toBeDefined();
      await expect(migrateBatch({ invocationSchemaVersion: '2.0', invocationId: 'inv2', job: { id: 'j2' }, tasks }, runtime)).rejects.toMatchObject({ code: 'INVALID_BATCH_JOB' });
    } finally {
      client.destroy();
      store.client.destroy();
      await edgecv.close();
    }
  });
});

describe('migrate-batch handler under Step Functions Distributed Map', () => {
  it('copies a batch of manifest rows ({ Items, BatchInput }), answers per item, and fails a batch with failures by name so the state machine can retry or count it', async () => {
    const bucket = uniqueName('dmap');
    const prefix = `${uniqueName('dmap')}-`;
    const edgecv = Edgecv.fromEnv(process.env, { artifactBucket: bucket, dynamodb: { tablePrefix: prefix }, edge: { mlServices: 'simulated', sageMakerRoleArn: '' } });
    // The bucket's objects, set up and checked with the adapter itself (apps never reach it).
    const store = new S3ObjectStore(edgecv.config.s3);
    const { documents, client } = createDynamoClients(dynamoConfigFromEnv(process.env));
    try {
      await edgecv.provision();
      const keys = ['training-output/job-1/a b+c%.bin', 'packaged-models/dep/ünï.zip', 'datasets//training-output/job-2/output/model.tar.gz'];
      for (const key of keys) await store.putStream(bucket, key, Readable.from([Buffer.from(`bytes of ${key}`)]));
      const journalId = uniqueName('plan');
      const journal = new DynamoDbMigrationJournal(documents, tableNames(prefix).migrationJournal, journalId);
      await planMigration({ bucket, journal }, { store: store, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });
      // The rows ItemReader makes of the exported manifest with CSVHeaders Bucket, Key, VersionId.
      const rows: { Bucket: string; Key: string; VersionId: string }[] = [];
      for await (const line of s3BatchManifestLines(journal)) {
        const [b, k, v] = line.trimEnd().split(',');
        rows.push({ Bucket: b as string, Key: k as string, VersionId: v ?? '' });
      }
      expect(rows).toHaveLength(3);

      const runtime = serveRuntime(edgecv, { logLevel: 'SILENT' });
      const response = await migrateBatch({ Items: rows, BatchInput: { journalId } }, runtime);
      expect(response.succeeded).toBe(3);
      expect(response.results.map((r) => r.resultCode)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
      for (const target of ['models/training/job-1/a b+c%.bin', 'deployments/dep/ünï.zip', 'models/training/job-2/output/model.tar.gz']) {
        expect(await store.head(bucket, target)).toBeDefined();
      }
      // A retried batch is idempotent.
      expect((await migrateBatch({ Items: rows, BatchInput: { journalId } }, runtime)).results.map((r) => r.resultString)).toEqual(['already verified', 'already verified', 'already verified']);

      // A row the plan does not know fails the batch permanently (not retried), naming the item.
      const unknown = { Bucket: bucket, Key: encodeURIComponent('training-output/job-1/not-planned.bin'), VersionId: '' };
      const failure = migrateBatch({ Items: [rows[0] as (typeof rows)[number], unknown], BatchInput: { journalId } }, runtime);
      await expect(failure).rejects.toMatchObject({ name: 'MigrateBatchPermanentFailure', code: 'MIGRATE_BATCH_FAILED', succeeded: 1 });
      await expect(failure).rejects.toThrow(/not-planned\.bin.*not in the migration journal/);
      await expect(migrateBatch({ Items: rows }, runtime)).rejects.toMatchObject({ code: 'INVALID_BATCH_JOB' });
    } finally {
      client.destroy();
      store.client.destroy();
      await edgecv.close();
    }
  });
});

describe('migrate-batch typed events, per-task log context and result-code metrics', () => {
  const setUp = async (env: NodeJS.ProcessEnv = {}) => {
    const bucket = uniqueName('typed');
    const prefix = `${uniqueName('typed')}-`;
    const journalId = uniqueName('plan');
    const edgecv = Edgecv.fromEnv({ ...process.env, EDGECV_MIGRATION_JOURNAL_ID: journalId, ...env }, { artifactBucket: bucket, dynamodb: { tablePrefix: prefix }, edge: { mlServices: 'simulated', sageMakerRoleArn: '' } });
    const { documents, client } = createDynamoClients(dynamoConfigFromEnv(process.env));
    await edgecv.provision();
    // The bucket's objects, set up and checked with the adapter itself (apps never reach it).
    const store = new S3ObjectStore(edgecv.config.s3);
    const key = 'training-output/job-5/out put.bin';
    await store.putStream(bucket, key, Readable.from([Buffer.from('model')]));
    const journal = new DynamoDbMigrationJournal(documents, tableNames(prefix).migrationJournal, journalId);
    await planMigration({ bucket, journal }, { store, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });
    return { bucket, key, journalId, edgecv, store, close: async () => (client.destroy(), store.client.destroy(), await edgecv.close()) };
  };

  it('answers a schema 1.0 invocation (bucket by ARN, journal from the environment) with a result per task', async () => {
    const world = await setUp();
    try {
      const runtime = serveRuntime(world.edgecv, { logLevel: 'SILENT' });
      const event = { invocationSchemaVersion: '1.0', invocationId: 'inv-1', job: { id: 'job-1' }, tasks: [{ taskId: 't1', s3Key: encodeURIComponent(world.key), s3VersionId: null, s3BucketArn: `arn:aws:s3:::${world.bucket}` }] } as const;
      const response = await migrateBatch(event, runtime);
      expect(response).toEqual({ invocationSchemaVersion: '1.0', treatMissingKeysAs: 'PermanentFailure', invocationId: 'inv-1', results: [{ taskId: 't1', resultCode: 'Succeeded', resultString: expect.any(String) }] });
    } finally {
      await world.close();
    }
  });

  it.each([
    ['an unknown schema version', { invocationSchemaVersion: '3.0', invocationId: 'i', job: { id: 'j' }, tasks: [{ taskId: 't', s3Key: 'k', s3Bucket: 'b' }] }],
    ['a 2.0 task naming no bucket', { invocationSchemaVersion: '2.0', invocationId: 'i', job: { id: 'j' }, tasks: [{ taskId: 't', s3Key: 'k' }] }],
    ['something else entirely', { Records: [] }],
  ])('refuses %s with INVALID_BATCH_EVENT before touching anything', async (_what, event) => {
    const world = await setUp();
    try {
      await expect(migrateBatch(event, serveRuntime(world.edgecv, { logLevel: 'SILENT' }))).rejects.toMatchObject({ code: 'INVALID_BATCH_EVENT', issues: expect.any(Array) });
      expect(await world.store.head(world.bucket, 'models/training/job-5/out put.bin')).toBeUndefined();
    } finally {
      await world.close();
    }
  });

  it('logs each task with the job, invocation, task id and decoded key, and counts each result code as a metric', async () => {
    const world = await setUp();
    try {
      const runtime = serveRuntime(world.edgecv, { logger: serveLogger('DEBUG'), emf: true });
      const tasks = [
        { taskId: 'ok', s3Key: encodeURIComponent(world.key), s3Bucket: world.bucket, s3VersionId: null },
        { taskId: 'unplanned', s3Key: encodeURIComponent('training-output/job-5/never planned.bin'), s3Bucket: world.bucket, s3VersionId: null },
      ];
      const lines = await jsonLinesOf(() => migrateBatch({ invocationSchemaVersion: '2.0', invocationId: 'inv-9', job: { id: 'job-9', userArguments: { journalId: world.journalId } }, tasks }, runtime));

      const taskLines = lines.filter((l) => l.message === 'task');
      expect(taskLines).toEqual([
        expect.objectContaining({ level: 'DEBUG', engine: 's3-batch', jobId: 'job-9', invocationId: 'inv-9', taskId: 'ok', bucket: world.bucket, key: world.key, resultCode: 'Succeeded' }),
        expect.objectContaining({ level: 'WARN', engine: 's3-batch', jobId: 'job-9', invocationId: 'inv-9', taskId: 'unplanned', key: 'training-output/job-5/never planned.bin', resultCode: 'PermanentFailure' }),
      ]);
      expect(lines.find((l) => l.message === 'batch answered')).toMatchObject({ jobId: 'job-9', Succeeded: 1, TemporaryFailure: 0, PermanentFailure: 1 });
      for (const code of ['Succeeded', 'TemporaryFailure', 'PermanentFailure']) {
        const [doc, ...more] = emfDocuments(lines, code);
        expect(more).toEqual([]);
        expect(doc).toMatchObject({ [code]: code === 'TemporaryFailure' ? 0 : 1, engine: 's3-batch', service: 'edgecv' });
        expect(doc?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'edgecv', Dimensions: [expect.arrayContaining(['service', 'engine'])], Metrics: [{ Name: code, Unit: 'Count' }] });
      }

      // The invocation's keys leave with it: the next line the runtime's logger writes has none.
      const after = await jsonLinesOf(async () => runtime.logger.info('after'));
      expect(after[0]).not.toHaveProperty('jobId');
    } finally {
      await world.close();
    }
  });
});
