// S3 Batch Operations tasks against the DynamoDB journal: schema 1.0 and 2.0 invocations get
// Succeeded / TemporaryFailure / PermanentFailure per task, and two workers never copy one object twice.
import { createDynamoClients, dynamoConfigFromEnv, DynamoDbMigrationJournal, ensureTables, tableNames } from '@edgecv/infrastructure/dynamodb';
import { uniqueName } from '@edgecv/test-harness';
import { cutoverReferences, encodeManifestKey, planMigration, processBatchTasks, rollbackMigration, runMigration, s3BatchManifestLines, type MigrationJournal } from '@edgecv/use-cases';
import { clock, createWorld, currentContents, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const { client, documents } = createDynamoClients(dynamoConfigFromEnv(process.env));
const names = tableNames(`${uniqueName('jrn')}-`);
let world: World;
let journal: MigrationJournal;
let journalId: string;
/** Another worker's journal object on the same plan. */
const freshHandle = (): MigrationJournal => new DynamoDbMigrationJournal(documents, names.migrationJournal, journalId);

beforeAll(async () => {
  await ensureTables(client, names, ['migrationJournal']);
});
afterAll(() => client.destroy());
beforeEach(async () => {
  world = await createWorld();
  journalId = uniqueName('plan');
  journal = new DynamoDbMigrationJournal(documents, names.migrationJournal, journalId, { claimLeaseMs: 60_000 });
});
afterEach(async () => {
  await journal.close();
  await world.dispose();
});

const KEYS = ['datasets//training-output/job-1/output/model.tar.gz', 'training-output/job-2/a b+c%.txt', 'packaged-models/dep/ünï.zip'];

async function planned(): Promise<void> {
  for (const k of KEYS) await world.put(k, `bytes of ${k}`);
  await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
}

async function manifestTasks(): Promise<{ key: string; versionId?: string }[]> {
  const tasks = [];
  for await (const line of s3BatchManifestLines(journal)) {
    const [, key, versionId] = line.trimEnd().split(',');
    tasks.push({ key: key as string, ...(versionId ? { versionId } : {}) });
  }
  return tasks;
}

describe('processBatchTasks (S3 Batch Operations, DynamoDB journal)', () => {
  it('answers a schema 2.0 invocation with Succeeded for every manifest task, and a second one as already done', async () => {
    await planned();
    const tasks = await manifestTasks();
    expect(tasks.map((t) => decodeURIComponent(t.key)).sort()).toEqual([...KEYS].sort());
    const event = {
      invocationSchemaVersion: '2.0',
      invocationId: 'inv-1',
      job: { id: 'job-1', userArguments: {} },
      tasks: tasks.map((t, i) => ({ taskId: `t${i}`, s3Bucket: world.bucket, s3Key: t.key, s3VersionId: null })),
    };
    const response = await processBatchTasks(event, { journal, store: world.store, clock });
    expect(response).toMatchObject({ invocationSchemaVersion: '1.0', treatMissingKeysAs: 'PermanentFailure', invocationId: 'inv-1' });
    expect(response.results.map((r) => r.resultCode)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    const contents = await currentContents(world.bucket);
    expect(contents.has('models/training/job-2/a b+c%.txt')).toBe(true);

    const again = await processBatchTasks(event, { journal, store: world.store, clock });
    expect(again.results.map((r) => r.resultString)).toEqual(['already verified', 'already verified', 'already verified']);
  });

  it('answers schema 1.0 with PermanentFailure for a collision and a key not in the journal', async () => {
    await planned();
    await world.put('models/training/job-1/output/model.tar.gz', 'somebody else');
    const response = await processBatchTasks(
      {
        invocationSchemaVersion: '1.0',
        invocationId: 'inv-2',
        job: { id: 'job-2' },
        tasks: [
          { taskId: 'a', s3BucketArn: `arn:aws:s3:::${world.bucket}`, s3Key: encodeManifestKey(KEYS[0] as string), s3VersionId: null },
          { taskId: 'b', s3BucketArn: `arn:aws:s3:::${world.bucket}`, s3Key: encodeManifestKey('not/planned.txt'), s3VersionId: null },
        ],
      },
      { journal, store: world.store, clock },
    );
    expect(response.results).toEqual([
      { taskId: 'a', resultCode: 'PermanentFailure', resultString: expect.stringContaining('COLLISION') },
      { taskId: 'b', resultCode: 'PermanentFailure', resultString: expect.stringContaining('not in the migration journal') },
    ]);
    expect((await currentContents(world.bucket)).size).toBe(KEYS.length + 1);
  });

  it('lets only one of two racing workers copy; the other reports success or TemporaryFailure, never a second copy', async () => {
    await planned();
    const task = { taskId: 't', s3Bucket: world.bucket, s3Key: encodeManifestKey(KEYS[1] as string) };
    const event = { invocationSchemaVersion: '2.0', invocationId: 'x', tasks: [task] };
    const [a, b] = await Promise.all([
      processBatchTasks(event, { journal, store: world.store, clock, worker: 'a' }),
      processBatchTasks(event, { journal, store: world.store, clock, worker: 'b' }),
    ]);
    const codes = [a.results[0]?.resultCode, b.results[0]?.resultCode];
    expect(codes).toContain('Succeeded');
    expect(codes.every((c) => c === 'Succeeded' || c === 'TemporaryFailure')).toBe(true);
    // One claim (copy-started) was granted: the object was copied once.
    expect(await journal.find(KEYS[1] as string)).toMatchObject({ status: 'verified', attempts: 1, targetCreated: true });
  });

  it('answers TemporaryFailure for every task, copying nothing, while a rollback holds the journal', async () => {
    await planned();
    await journal.close(); // the plan is done with it
    const rollback = new DynamoDbMigrationJournal(documents, names.migrationJournal, journalId, { holder: 'rollback' });
    await rollback.acquire('exclusive');
    const before = await snapshot(world.bucket);
    const tasks = (await manifestTasks()).map((t, i) => ({ taskId: `t${i}`, s3Bucket: world.bucket, s3Key: t.key }));
    const response = await processBatchTasks({ invocationSchemaVersion: '2.0', invocationId: 'held', tasks }, { journal: freshHandle(), store: world.store, clock });
    expect(response.results.map((r) => [r.resultCode, r.resultString])).toEqual(tasks.map(() => ['TemporaryFailure', expect.stringContaining('in use by rollback')]));
    expect(await snapshot(world.bucket)).toEqual(before);
    await rollback.close();
    const after = await processBatchTasks({ invocationSchemaVersion: '2.0', invocationId: 'free', tasks }, { journal: freshHandle(), store: world.store, clock });
    expect(after.results.map((r) => r.resultCode)).toEqual(tasks.map(() => 'Succeeded'));
  });

  it('runs the whole migration on the DynamoDB journal and rolls it back exactly', async () => {
    const initial = await (async () => {
      for (const k of KEYS) await world.put(k, `bytes of ${k}`);
      return snapshot(world.bucket);
    })();
    await world.putRecord('training', { jobName: 'job-1', model_artifact_uri: `s3://${world.bucket}/${KEYS[0]}` });
    await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    expect(await runMigration({ journal, concurrency: 2 }, { store: world.store, clock })).toMatchObject({ verified: 3 });
    expect(await cutoverReferences({ journal }, { referenceStores: world.referenceStores, resolver })).toMatchObject({ updated: 1, recordsReferenced: 3 });
    expect((await world.records('training'))[0]?.model_artifact_uri).toBe(`s3://${world.bucket}/models/training/job-1/output/model.tar.gz`);
    const rb = await rollbackMigration({ journal }, { store: world.store, referenceStores: world.referenceStores });
    expect(rb).toMatchObject({ referencesRestored: 1, targetsRemoved: 3, rolledBack: 3, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
    expect((await world.records('training'))[0]?.model_artifact_uri).toBe(`s3://${world.bucket}/${KEYS[0]}`);
  });
});
