// The migrate-batch handler: an S3 Batch Operations invocation naming its journal (userArguments)
// copies and verifies each task through the container's DynamoDB journal.
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, PathResolver } from '@edgecv/domain';
import { Edgecv } from '@edgecv/container';
import { DynamoDbMigrationJournal, createDynamoClients, dynamoConfigFromEnv, tableNames } from '@edgecv/infrastructure/dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { planMigration, rulesHash } from '@edgecv/use-cases';
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
