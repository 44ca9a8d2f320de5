// The portal's MongoDB assignments as references of the migration (issue 4 §1), against the local
// stack: plan counts them, validate checks their objects, run leaves legacy PNGs to the image
// backfill, and a copy rule that moves an assignment's image is cut over and rolled back like any
// other reference.
import type { Collection, Db, Document } from 'mongodb';
import { DEFAULT_LEGACY_RULES, DEFAULT_PATH_CONFIG, LegacyRules, PathResolver } from '@edgecv/domain';
import { connectMongo, MongoAssignmentReferenceStore, type MongoConnection } from '@edgecv/infrastructure/mongo';
import { testMongoUri, uniqueName } from '@edgecv/test-harness';
import { cleanupSources, cutoverReferences, planMigration, rollbackMigration, rulesHash, runMigration, validateBucket, type MigrationJournal } from '@edgecv/use-cases';
import { clock, createWorld, currentContents, resolver, RULES_HASH, snapshot, type World } from './migrationWorld.fixture';

describe('migration with MongoDB assignment references', () => {
  let mongo: MongoConnection;
  let db: Db;
  let world: World;
  let docs: Collection<Document>;
  let assignments: MongoAssignmentReferenceStore;
  let journals: MigrationJournal[];
  const openJournal = (): MigrationJournal => {
    const j = world.journal();
    journals.push(j);
    return j;
  };

  beforeAll(async () => {
    mongo = await connectMongo(testMongoUri());
    db = mongo.client.db(uniqueName('mig-assignments'));
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });
  beforeEach(async () => {
    world = await createWorld();
    journals = [];
    docs = db.collection(uniqueName('assignments'));
    // The images bucket is the artifact bucket here, as it is when EDGECV_IMAGES_BUCKET is unset.
    assignments = new MongoAssignmentReferenceStore(db, { bucket: world.bucket, collection: docs.collectionName });
  });
  afterEach(async () => {
    for (const j of journals) await j.close();
    await world.dispose();
  });

  const portalFields = { teacher_id: 'CloudAge-User', prompt: 'A serene mountain landscape', question_answers: '[{"q":1}]', s3_upload_status: 'success' };

  it('plans, validates and runs with assignment images: PNGs are counted as transforms and left for the image backfill', async () => {
    await world.put('generated_images/1001.png', 'png 1001', { contentType: 'image/png' });
    await world.put('generated_images/1002.png', 'png 1002', { contentType: 'image/png' });
    await world.put('generated_images/1002.webp', 'webp 1002', { contentType: 'image/webp' });
    await docs.insertMany([
      { assignment_id: '1001', s3_image_name: 'generated_images/1001.png', ...portalFields },
      { assignment_id: '1002', s3_image_key: 'generated_images/1002.webp', s3_image_name: '1002.png', ...portalFields },
      // Its WebP was never uploaded (or was deleted): a reference to a missing object.
      { assignment_id: '1003', s3_image_key: 'generated_images/1003.webp', ...portalFields },
    ]);
    const initialDocs = await docs.find({}, { projection: { _id: 0 } }).sort({ assignment_id: 1 }).toArray();
    const before = await currentContents(world.bucket);
    const referenceStores = [...world.referenceStores, assignments];

    const journal = openJournal();
    const plan = await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver, rulesHash: RULES_HASH, clock, referenceStores });
    expect(plan.references).toEqual({ total: 4, toLegacyKeys: 2, toOtherBuckets: 0 });
    expect(plan.byStatus).toMatchObject({ transform: 2, conforming: 1, converted: 0 });
    expect(plan.byRule).toEqual({ 'generated-image-png': 2 });
    expect(plan.planned).toBe(0);

    const report = await validateBucket({ bucket: world.bucket }, { store: world.store, resolver, referenceStores });
    expect(report.references).toBe(4);
    expect(report.counts).toMatchObject({ 'missing-object': 1, 'legacy-left': 2, orphan: 0 });
    expect(report.examples.filter((p) => p.kind === 'missing-object')).toEqual([
      { kind: 'missing-object', key: 'generated_images/1003.webp', detail: `assignment 1003 s3_image_key -> s3://${world.bucket}/generated_images/1003.webp` },
    ]);

    const run = await runMigration({ journal }, { store: world.store, clock, rulesHash: RULES_HASH });
    expect(run).toMatchObject({ toDo: 0, verified: 0 });
    const cut = await cutoverReferences({ journal }, { referenceStores, resolver });
    expect(cut).toMatchObject({ updated: 0, mismatched: 0 });

    // Nothing moved, nothing re-encoded, no assignment rewritten: the PNGs are the backfill's.
    expect(await currentContents(world.bucket)).toEqual(before);
    expect(await docs.find({}, { projection: { _id: 0 } }).sort({ assignment_id: 1 }).toArray()).toEqual(initialDocs);
  });

  it('counts assignments of a separate images bucket as references to other buckets and leaves them out of validation', async () => {
    await docs.insertOne({ assignment_id: '1101', s3_image_key: 'generated_images/1101.webp' });
    const elsewhere = new MongoAssignmentReferenceStore(db, { bucket: `${world.bucket}-images`, collection: docs.collectionName });
    const plan = await planMigration(
      { bucket: world.bucket, journal: openJournal() },
      { store: world.store, resolver, rulesHash: RULES_HASH, clock, referenceStores: [elsewhere] },
    );
    expect(plan.references).toEqual({ total: 1, toLegacyKeys: 0, toOtherBuckets: 1 });
    const report = await validateBucket({ bucket: world.bucket }, { store: world.store, resolver, referenceStores: [elsewhere] });
    expect(report).toMatchObject({ references: 0, counts: { 'missing-object': 0 } });
  });

  it('cuts over and rolls back an assignment image moved by an operator rule like any other reference', async () => {
    const rules = LegacyRules.fromJson({
      rules: [
        {
          id: 'old-images',
          description: 'Images from before generated_images/: moved as they are.',
          pattern: 'old_images/(?<rest>.+)',
          target: '{$imagesFolder}/{rest}',
          action: 'copy',
          artifactType: 'image',
        },
        ...DEFAULT_LEGACY_RULES,
      ],
    });
    const operatorResolver = new PathResolver(DEFAULT_PATH_CONFIG, rules);
    const hash = rulesHash(rules);
    await world.put('old_images/2001.webp', 'webp 2001', { contentType: 'image/webp', cacheControl: 'max-age=31536000' });
    const doc2001 = {
      assignment_id: '2001',
      s3_image_key: 'old_images/2001.webp',
      cloudfront_url: 'https://d1234567890.cloudfront.net/old_images/2001.webp',
      image_metadata: { original_size_bytes: 2048, optimized_size_bytes: 1024, compression_ratio: 0.5, format: 'webp', dimensions: '1024x1024' },
      ...portalFields,
    };
    // Another document on the same image key field, untouched by the rule.
    const doc2002 = { assignment_id: '2002', s3_image_key: 'generated_images/2002.webp', ...portalFields };
    await world.put('generated_images/2002.webp', 'webp 2002', { contentType: 'image/webp' });
    await docs.insertMany([{ ...doc2001 }, { ...doc2002 }]);
    const initial = await snapshot(world.bucket);
    const referenceStores = [...world.referenceStores, assignments];
    const find = async (id: string) => {
      const { _id: _ignored, ...doc } = (await docs.findOne({ assignment_id: id })) ?? {};
      return doc;
    };

    const journal = openJournal();
    const plan = await planMigration({ bucket: world.bucket, journal }, { store: world.store, resolver: operatorResolver, rulesHash: hash, clock, referenceStores });
    expect(plan).toMatchObject({ planned: 1, byRule: { 'old-images': 1 }, references: { total: 2, toLegacyKeys: 1, toOtherBuckets: 0 } });
    expect(await runMigration({ journal }, { store: world.store, clock, rulesHash: hash })).toMatchObject({ toDo: 1, verified: 1 });

    const cut = await cutoverReferences({ journal }, { referenceStores, resolver: operatorResolver });
    expect(cut).toMatchObject({ references: 2, updated: 1, mismatched: 0, waiting: 0, recordsReferenced: 1 });
    // Only the key field changes; cloudfront_url and the rest are the portal's.
    expect(await find('2001')).toEqual({ ...doc2001, s3_image_key: 'generated_images/2001.webp' });
    expect(await find('2002')).toEqual(doc2002);

    // No assignment names a source any more, so clean-up's verification lets it delete them.
    expect(await cleanupSources({ journal }, { store: world.store, referenceStores })).toMatchObject({ deleted: 1, errors: [] });
    const after = await validateBucket({ bucket: world.bucket }, { store: world.store, resolver: operatorResolver, referenceStores });
    expect(after.counts).toMatchObject({ 'missing-object': 0, 'legacy-left': 0 });

    const rb = await rollbackMigration({ journal }, { store: world.store, referenceStores });
    expect(rb).toMatchObject({ referencesRestored: 1, referencesMismatched: 0, sourcesRestored: 1, targetsRemoved: 1, rolledBack: 1, problems: [] });
    expect(await find('2001')).toEqual(doc2001);
    expect(await find('2002')).toEqual(doc2002);
    expect(await snapshot(world.bucket)).toEqual(initial);
  });
});
