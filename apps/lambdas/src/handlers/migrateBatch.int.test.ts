// The migrate-batch handler: an S3 Batch Operations invocation naming its journal (userArguments)
// copies and verifies each task through the container's DynamoDB journal.
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { Edgecv } from '@edgecv/container';
import { DynamoDbMigrationJournal, createDynamoClients, dynamoConfigFromEnv, tableNames } from '@edgecv/infrastructure/dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { planMigration, rulesHash, s3BatchManifestLines } from '@edgecv/use-cases';
import { Readable } from 'node:stream';
import { serveRuntime } from '../runtime/serveRuntime';
import { migrateBatch } from './migrateBatch';

const clock = { now: () => new Date() };

describe('migrate-batch handler', () => {
  it('copies the tasks of the journal the job names, and refuses a job that names none', async () => {
    const bucket = uniqueName('batch');
    const prefix = `${uniqueName('batch')}-`;
    const edgecv = Edgecv.fromEnv(process.env, { artifactBucket: bucket, dynamodb: { tablePrefix: prefix }, edge: { mlServices: 'simulated', sageMakerRoleArn: '' } });
    const { documents, client } = createDynamoClients(dynamoConfigFromEnv(process.env));
    try {
      await edgecv.provision();
      const key = 'datasets//training-output/job-9/output/model.tar.gz';
      await edgecv.objectStore.putStream(bucket, key, Readable.from([Buffer.from('model')]));
      const journalId = uniqueName('plan');
      const journal = new DynamoDbMigrationJournal(documents, tableNames(prefix).migrationJournal, journalId);
      await planMigration({ bucket, journal }, { store: edgecv.objectStore, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });

      const runtime = serveRuntime(edgecv, { logLevel: 'SILENT' });
      const tasks = [{ taskId: 't1', s3Bucket: bucket, s3Key: encodeURIComponent(key), s3VersionId: null }];
      const response = await migrateBatch({ invocationSchemaVersion: '2.0', invocationId: 'inv', job: { id: 'j', userArguments: { journalId } }, tasks }, runtime);
      expect(response.results).toEqual([{ taskId: 't1', resultCode: 'Succeeded', resultString: expect.any(String) }]);
      expect(await edgecv.objectStore.head(bucket, 'models/training/job-9/output/model.tar.gz')).toBeDefined();
      await expect(migrateBatch({ invocationSchemaVersion: '2.0', invocationId: 'inv2', tasks }, runtime)).rejects.toMatchObject({ code: 'INVALID_BATCH_JOB' });
    } finally {
      client.destroy();
      await edgecv.close();
    }
  });
});

describe('migrate-batch handler under Step Functions Distributed Map', () => {
  it('copies a batch of manifest rows ({ Items, BatchInput }), answers per item, and fails a batch with failures by name so the state machine can retry or count it', async () => {
    const bucket = uniqueName('dmap');
    const prefix = `${uniqueName('dmap')}-`;
    const edgecv = Edgecv.fromEnv(process.env, { artifactBucket: bucket, dynamodb: { tablePrefix: prefix }, edge: { mlServices: 'simulated', sageMakerRoleArn: '' } });
    const { documents, client } = createDynamoClients(dynamoConfigFromEnv(process.env));
    try {
      await edgecv.provision();
      const keys = ['training-output/job-1/a b+c%.bin', 'packaged-models/dep/ünï.zip', 'datasets//training-output/job-2/output/model.tar.gz'];
      for (const key of keys) await edgecv.objectStore.putStream(bucket, key, Readable.from([Buffer.from(`bytes of ${key}`)]));
      const journalId = uniqueName('plan');
      const journal = new DynamoDbMigrationJournal(documents, tableNames(prefix).migrationJournal, journalId);
      await planMigration({ bucket, journal }, { store: edgecv.objectStore, resolver: new PathResolver(DEFAULT_PATH_CONFIG), rulesHash: rulesHash(DEFAULT_LEGACY_RULES), clock });
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
        expect(await edgecv.objectStore.head(bucket, target)).toBeDefined();
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
      await edgecv.close();
    }
  });
});
