// Assignment image keys as migration references, against the local stack's MongoDB stand-in (or
// the server MONGODB_URI names).
import type { Collection, Db, Document } from 'mongodb';
import { testMongoUri, uniqueName } from '@edgecv/test-harness';
import { connectMongo, type MongoConnection } from './connectMongo';
import { MongoAssignmentReferenceStore } from './MongoAssignmentReferenceStore';
import { ForeignImageUriError, UnknownAssignmentAttributeError } from './MongoAssignmentReferenceStoreErrors';

const BUCKET = 'portal-images';
const uri = (key: string): string => `s3://${BUCKET}/${key}`;

describe('MongoAssignmentReferenceStore', () => {
  let mongo: MongoConnection;
  let db: Db;

  beforeAll(async () => {
    mongo = await connectMongo(testMongoUri());
    db = mongo.client.db(uniqueName('assignment-refs'));
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  /** A fresh collection per test, so no test sees another's documents. */
  function fixture(): { docs: Collection<Document>; store: MongoAssignmentReferenceStore } {
    const collection = uniqueName('assignments');
    return { docs: db.collection(collection), store: new MongoAssignmentReferenceStore(db, { bucket: BUCKET, collection }) };
  }

  async function listAll(store: MongoAssignmentReferenceStore): Promise<unknown[]> {
    const seen = [];
    for await (const ref of store.list()) seen.push(ref);
    return seen;
  }

  it('lists one reference per image key field held, in assignment id order, as URIs of the images bucket', async () => {
    const { docs, store } = fixture();
    await docs.insertMany([
      { assignment_id: 'b-both', s3_image_key: 'generated_images/b-both.webp', s3_image_name: 'generated_images/b-both.png', prompt: 'p' },
      { assignment_id: 'a-new', s3_image_key: 'generated_images/a-new.webp', s3_image_name: null },
      { assignment_id: 'c-bare', s3_image_name: 'c-bare.png' },
      { assignment_id: 'd-none', s3_image_key: '', s3_image_name: null, s3_upload_status: 'no_image' },
      { assignment_id: 'e-absent', teacher_id: 'T' },
    ]);
    expect(await listAll(store)).toEqual([
      { store: 'assignment', recordId: 'a-new', attribute: 's3_image_key', uri: uri('generated_images/a-new.webp') },
      { store: 'assignment', recordId: 'b-both', attribute: 's3_image_key', uri: uri('generated_images/b-both.webp') },
      { store: 'assignment', recordId: 'b-both', attribute: 's3_image_name', uri: uri('generated_images/b-both.png') },
      // A bare legacy file name lives in generated_images/, as the image use cases read it.
      { store: 'assignment', recordId: 'c-bare', attribute: 's3_image_name', uri: uri('generated_images/c-bare.png') },
    ]);
  });

  it('streams a collection larger than one batch without losing or repeating a document', async () => {
    const { docs, store } = fixture();
    const ids = Array.from({ length: 23 }, (_, i) => `id-${String(i).padStart(3, '0')}`);
    await docs.insertMany(ids.map((id) => ({ assignment_id: id, s3_image_key: `generated_images/${id}.webp` })));
    const small = new MongoAssignmentReferenceStore(db, { bucket: BUCKET, collection: docs.collectionName, batchSize: 5 });
    const seen = (await listAll(small)) as { recordId: string }[];
    expect(seen.map((r) => r.recordId)).toEqual(ids);
    expect(await listAll(store)).toHaveLength(23);
  });

  it('replaces a key only while the field still holds the expected one, and touches no other field', async () => {
    const { docs, store } = fixture();
    const original = {
      assignment_id: '1732612345678',
      teacher_id: 'CloudAge-User',
      s3_image_key: 'old_images/1732612345678.webp',
      s3_image_name: 'generated_images/1732612345678.png',
      cloudfront_url: 'https://d1234567890.cloudfront.net/old_images/1732612345678.webp',
      image_metadata: { original_size_bytes: 2048576, optimized_size_bytes: 1024288, compression_ratio: 0.5, format: 'webp', dimensions: '1024x1024' },
      question_answers: '[{"q":1}]',
      s3_upload_status: 'success',
    };
    await docs.insertOne({ ...original });

    const from = uri('old_images/1732612345678.webp');
    const to = uri('generated_images/1732612345678.webp');
    await expect(store.replace('1732612345678', 's3_image_key', from, to)).resolves.toBe('replaced');
    // The retry of the same rewrite finds the new key in place: nothing is written twice.
    await expect(store.replace('1732612345678', 's3_image_key', from, to)).resolves.toBe('mismatch');
    const { _id: _ignored, ...after } = (await docs.findOne({ assignment_id: '1732612345678' })) ?? {};
    expect(after).toEqual({ ...original, s3_image_key: 'generated_images/1732612345678.webp' });

    // A record the store does not have is a mismatch too, never an insert.
    await expect(store.replace('no-such-assignment', 's3_image_key', from, to)).resolves.toBe('mismatch');
    expect(await docs.countDocuments({ assignment_id: 'no-such-assignment' })).toBe(0);
  });

  it('leaves a key changed meanwhile by the portal alone', async () => {
    const { docs, store } = fixture();
    await docs.insertOne({ assignment_id: 'x1', s3_image_key: 'generated_images/x1.webp' });
    await expect(store.replace('x1', 's3_image_key', uri('old_images/x1.webp'), uri('generated_images/elsewhere.webp'))).resolves.toBe('mismatch');
    expect(await docs.findOne({ assignment_id: 'x1' })).toMatchObject({ s3_image_key: 'generated_images/x1.webp' });
  });

  it('rewrites a legacy name stored as a bare file name, and rolls it back by the key it listed', async () => {
    const { docs, store } = fixture();
    await docs.insertOne({ assignment_id: 'bare-1', s3_image_name: 'bare-1.png', prompt: 'kept' });
    const [listed] = (await listAll(store)) as { uri: string }[];
    expect(listed?.uri).toBe(uri('generated_images/bare-1.png'));

    await expect(store.replace('bare-1', 's3_image_name', uri('generated_images/bare-1.png'), uri('archive/bare-1.png'))).resolves.toBe('replaced');
    expect(await docs.findOne({ assignment_id: 'bare-1' })).toMatchObject({ s3_image_name: 'archive/bare-1.png', prompt: 'kept' });
    await expect(store.replace('bare-1', 's3_image_name', uri('generated_images/bare-1.png'), uri('archive/bare-1.png'))).resolves.toBe('mismatch');

    await expect(store.replace('bare-1', 's3_image_name', uri('archive/bare-1.png'), uri('generated_images/bare-1.png'))).resolves.toBe('replaced');
    // The same object as before, spelled as a full key.
    expect(await docs.findOne({ assignment_id: 'bare-1' })).toMatchObject({ s3_image_name: 'generated_images/bare-1.png', prompt: 'kept' });
  });

  it('refuses a URI of another bucket, or no S3 URI at all, with a typed error and writes nothing', async () => {
    const { docs, store } = fixture();
    await docs.insertOne({ assignment_id: 'y1', s3_image_key: 'generated_images/y1.webp' });
    const refused = store.replace('y1', 's3_image_key', uri('generated_images/y1.webp'), 's3://artifacts/generated_images/y1.webp');
    await expect(refused).rejects.toBeInstanceOf(ForeignImageUriError);
    await expect(refused).rejects.toMatchObject({ code: 'FOREIGN_IMAGE_URI', uri: 's3://artifacts/generated_images/y1.webp', bucket: BUCKET });
    await expect(store.replace('y1', 's3_image_key', 's3://other/generated_images/y1.webp', uri('z.webp'))).rejects.toMatchObject({ code: 'FOREIGN_IMAGE_URI' });
    // A bucket whose name merely starts with the images bucket's is another bucket.
    await expect(store.replace('y1', 's3_image_key', `s3://${BUCKET}-2/generated_images/y1.webp`, uri('z.webp'))).rejects.toMatchObject({ code: 'FOREIGN_IMAGE_URI' });
    await expect(store.replace('y1', 's3_image_key', 'generated_images/y1.webp', uri('z.webp'))).rejects.toMatchObject({ code: 'FOREIGN_IMAGE_URI' });
    await expect(store.replace('y1', 'cloudfront_url', uri('generated_images/y1.webp'), uri('z.webp'))).rejects.toBeInstanceOf(UnknownAssignmentAttributeError);
    expect(await docs.findOne({ assignment_id: 'y1' })).toMatchObject({ s3_image_key: 'generated_images/y1.webp' });
  });

  it('can be built before its database is connected', async () => {
    const collection = uniqueName('assignments');
    await db.collection(collection).insertOne({ assignment_id: 'late', s3_image_key: 'generated_images/late.webp' });
    let connect!: (value: Db) => void;
    const store = new MongoAssignmentReferenceStore(new Promise<Db>((resolve) => (connect = resolve)), { bucket: BUCKET, collection });
    const listing = listAll(store);
    connect(db);
    await expect(listing).resolves.toEqual([{ store: 'assignment', recordId: 'late', attribute: 's3_image_key', uri: uri('generated_images/late.webp') }]);
  });
});
