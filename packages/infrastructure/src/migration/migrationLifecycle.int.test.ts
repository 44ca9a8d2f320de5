// Spec 001 requirements 4 and 6 as acceptance tests, against the local stack: a legacy bucket is
// planned, copied, verified, cut over, cleaned up and validated; and rolled back to exactly where it began.
import { readFileSync } from 'node:fs';
import {
  cleanupSources,
  cutoverReferences,
  exportMigrationManifest,
  migrationStatus,
  planMigration,
  rollbackMigration,
  runMigration,
  validateBucket,
  ValidationFailedError,
} from '@edgecv/use-cases';
import { clock, createWorld, currentContents, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

const TRAINING = 'datasets//training-output/cat-detector-1/output/model.tar.gz';
// Spaces, `+`, `%`, non-ASCII and a newline (the local stack's moto routes newline keys; see
// packages/local-stack/python/moto_launcher.py).
const ODD = 'datasets//training-output/cat-detector-1/odd name + 100%/ünï\ncode.txt';
const COMPILED = 'compilation-output/cat-compile-1/model-jetson_nano.tar.gz';
const PACKAGED = 'packaged-models/cats-v1/component.zip';
const MANIFEST = 'datasets/cats.manifest';

async function seed(world: World): Promise<void> {
  await world.put(TRAINING, 'model bytes', {
    contentType: 'application/gzip',
    cacheControl: 'max-age=60',
    metadata: { owner: 'team-a' },
    tagging: 'stage=prod&team=a',
  });
  await world.put(ODD, 'odd bytes');
  await world.put(COMPILED, 'compiled bytes');
  await world.put(PACKAGED, 'zip bytes');
  await world.put(MANIFEST, '{"source-ref":"s3://x/y.jpg"}\n');
  await world.put('models/training/already-new/output/model.tar.gz', 'new layout');
  await world.putRecord('training', {
    jobName: 'cat-detector-1',
    model_artifact_uri: `s3://${world.bucket}/${TRAINING}`,
    output_uri: `s3://${world.bucket}/datasets//training-output/cat-detector-1/`,
  });
  await world.putRecord('training', { jobName: 'already-new', model_artifact_uri: `s3://${world.bucket}/models/training/already-new/output/model.tar.gz` });
  await world.putRecord('compilation', { jobName: 'cat-compile-1', target: 'jetson_nano', output_uri: `s3://${world.bucket}/${COMPILED}` });
  await world.putRecord('deployments', { name: 'cats-v1', artifact_uris: [`s3://${world.bucket}/${PACKAGED}`] });
}

describe('migration lifecycle (spec 001 requirements 4 and 6)', () => {
  let world: World;
  beforeEach(async () => {
    world = await createWorld();
    await seed(world);
  });
  afterEach(async () => world.dispose());

  it('moves every legacy artifact without loss, updates the records, validates, and cleans up only after validation', async () => {
    const before = await currentContents(world.bucket);
    const journal = world.journal();
    const plan = await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock, referenceStores: world.referenceStores });
    expect(plan).toMatchObject({ listed: 6, planned: 5, collisions: 0, versioned: false });
    expect(plan.byStatus).toMatchObject({ converted: 5, conforming: 1 });
    expect(plan.references.toLegacyKeys).toBe(4);

    // Requirement 6.1/6.3: validation names what is wrong before the migration.
    const early = await validateBucket({ bucket: world.bucket }, { store: world.store, resolver, referenceStores: world.referenceStores });
    expect(early.ok).toBe(false);
    expect(early.counts['legacy-left']).toBe(5);
    expect(early.counts['double-slash']).toBe(2);

    const run = await runMigration({ journal, concurrency: 4 }, { store: world.store, clock, rulesHash: RULES_HASH });
    expect(run).toMatchObject({ toDo: 5, verified: 5, collisions: 0, transientFailures: 0 });
    // Clean-up refuses until every record is cut over.
    await expect(cleanupSources({ journal }, { store: world.store, referenceStores: world.referenceStores })).rejects.toBeInstanceOf(ValidationFailedError);

    const cut = await cutoverReferences({ journal }, { referenceStores: world.referenceStores, resolver });
    expect(cut).toMatchObject({ updated: 4, mismatched: 0, waiting: 0, recordsReferenced: 5 });
    const [training] = (await world.records('training')).filter((r) => r.jobName === 'cat-detector-1');
    expect(training).toMatchObject({
      model_artifact_uri: `s3://${world.bucket}/models/training/cat-detector-1/output/model.tar.gz`,
      output_uri: `s3://${world.bucket}/models/training/cat-detector-1/`,
    });
    expect((await world.records('compilation'))[0]?.output_uri).toBe(`s3://${world.bucket}/models/compilation/cat-compile-1/jetson_nano/model.tar.gz`);

    const clean = await cleanupSources({ journal }, { store: world.store, referenceStores: world.referenceStores });
    expect(clean).toMatchObject({ deleted: 5, errors: [] });

    // Requirement 4.1/4.4: every artifact is at its new key with the same bytes; 4.2: records updated.
    const after = await currentContents(world.bucket);
    for (const [key, sha] of before) {
      const c = resolver.classify(key);
      const moved = c.status === 'converted' ? c.output : key;
      expect(after.get(moved)).toBe(sha);
    }
    expect(after.size).toBe(before.size);
    const state = await snapshot(world.bucket);
    expect(state.find((s) => s.key === 'models/training/cat-detector-1/output/model.tar.gz')).toMatchObject({
      contentType: 'application/gzip',
      cacheControl: 'max-age=60',
      metadata: { owner: 'team-a' },
      tags: 'stage=prod&team=a',
    });
    expect(after.has('models/training/cat-detector-1/odd name + 100%/ünï\ncode.txt')).toBe(true);

    const report = await validateBucket({ bucket: world.bucket }, { store: world.store, resolver, referenceStores: world.referenceStores });
    expect(report.counts).toMatchObject({ 'legacy-left': 0, 'double-slash': 0, 'missing-object': 0, 'non-conforming': 0 });
    expect(report.ok).toBe(true);

    const status = await migrationStatus({ journal });
    expect(status.byStatus).toEqual({ 'source-deleted': 5 });

    // A second run has nothing left to do (idempotent).
    const again = await runMigration({ journal }, { store: world.store, clock });
    expect(again).toMatchObject({ toDo: 0, verified: 0 });
  });

  it('rolls back after clean-up to exactly the initial bucket and records (requirement 4.5)', async () => {
    const initial = await snapshot(world.bucket);
    const initialTraining = await world.records('training');
    const journal = world.journal();
    await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    await runMigration({ journal }, { store: world.store, clock });
    await cutoverReferences({ journal }, { referenceStores: world.referenceStores, resolver });
    await cleanupSources({ journal }, { store: world.store, referenceStores: world.referenceStores });

    const rb = await rollbackMigration({ journal }, { store: world.store, referenceStores: world.referenceStores });
    expect(rb).toMatchObject({ sourcesRestored: 5, targetsRemoved: 5, referencesRestored: 4, rolledBack: 5, problems: [] });
    expect(await snapshot(world.bucket)).toEqual(initial);
    expect(sortById(await world.records('training'))).toEqual(sortById(initialTraining));
    expect((await migrationStatus({ journal })).byStatus).toEqual({ 'rolled-back': 5 });
  });

  it('exports the records still to copy as an S3 Batch Operations CSV manifest with URL-encoded keys', async () => {
    const journal = world.journal();
    await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock });
    const out = `${world.dir}/manifest.csv`;
    const summary = await exportMigrationManifest({ journal, format: 's3-batch-csv', out });
    expect(summary.rows).toBe(5);
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(lines).toContain(`${world.bucket},datasets//training-output/cat-detector-1/odd%20name%20%2B%20100%25/%C3%BCn%C3%AF%0Acode.txt`);
    for (const line of lines) {
      const [bucket, key] = line.split(',');
      expect(bucket).toBe(world.bucket);
      expect(decodeURIComponent(key ?? '')).not.toBe('');
    }
  });
});

function sortById(items: Record<string, unknown>[]): Record<string, unknown>[] {
  return [...items].sort((a, b) => String(a.jobName).localeCompare(String(b.jobName)));
}
