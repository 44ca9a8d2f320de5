// Runs against the local stack's MongoDB stand-in, or against the server MONGODB_URI names.
import type { Db } from 'mongodb';
import { testMongoUri, uniqueName } from '@edgecv/test-harness';
import { connectMongo, databaseNameOf, type MongoConnection } from './connectMongo';
import { MongoAssignmentRepository } from './MongoAssignmentRepository';

describe('MongoAssignmentRepository', () => {
  let mongo: MongoConnection;
  let db: Db;
  let repo: MongoAssignmentRepository;

  beforeAll(async () => {
    mongo = await connectMongo(testMongoUri());
    db = mongo.client.db(uniqueName('assignments'));
    repo = new MongoAssignmentRepository(db);
    await repo.ensureIndexes();
  });
  afterAll(async () => {
    await db.dropDatabase();
    await mongo.close();
  });

  const metadata = { originalSizeBytes: 2048576, optimizedSizeBytes: 1024288, compressionRatio: 0.5, format: 'webp', dimensions: '1024x1024' };

  it('keeps one document per assignment: a second insert of the same id is refused by the unique index', async () => {
    await db.collection('assignments').insertOne({ assignment_id: 'dup-1' });
    await expect(db.collection('assignments').insertOne({ assignment_id: 'dup-1' })).rejects.toMatchObject({ code: 11000 });
    const indexes = await db.collection('assignments').indexes();
    expect(indexes.find((i) => i.name === 'assignment_id_unique')).toMatchObject({ key: { assignment_id: 1 }, unique: true });
  });

  it('creates a document in the shape of spec 003 and reads it back', async () => {
    await repo.upsertImage('1732612345678', {
      teacherId: 'CloudAge-User',
      prompt: 'A serene mountain landscape at sunset',
      s3ImageKey: 'generated_images/1732612345678.webp',
      cloudfrontUrl: 'https://d1234567890.cloudfront.net/generated_images/1732612345678.webp',
      imageMetadata: metadata,
      s3UploadStatus: 'success',
      s3UploadAttempts: 1,
      createdAt: 1732612345.678,
    });

    const { _id: _ignored, ...doc } = (await db.collection('assignments').findOne({ assignment_id: '1732612345678' })) ?? {};
    expect(doc).toEqual({
      assignment_id: '1732612345678',
      teacher_id: 'CloudAge-User',
      prompt: 'A serene mountain landscape at sunset',
      s3_image_key: 'generated_images/1732612345678.webp',
      cloudfront_url: 'https://d1234567890.cloudfront.net/generated_images/1732612345678.webp',
      image_metadata: { original_size_bytes: 2048576, optimized_size_bytes: 1024288, compression_ratio: 0.5, format: 'webp', dimensions: '1024x1024' },
      created_at: 1732612345.678,
      s3_upload_status: 'success',
      s3_upload_attempts: 1,
    });
    await expect(repo.find('1732612345678')).resolves.toEqual({
      assignmentId: '1732612345678',
      teacherId: 'CloudAge-User',
      prompt: 'A serene mountain landscape at sunset',
      s3ImageKey: 'generated_images/1732612345678.webp',
      cloudfrontUrl: 'https://d1234567890.cloudfront.net/generated_images/1732612345678.webp',
      imageMetadata: metadata,
      s3UploadStatus: 'success',
      s3UploadAttempts: 1,
      createdAt: 1732612345.678,
    });
  });

  it('updates only image fields, keeps the portal fields and the original created_at', async () => {
    await db.collection('assignments').insertOne({ assignment_id: 'portal-2', question_answers: '[{"q":1}]', created_at: 1700000000 });
    await repo.upsertImage('portal-2', { s3UploadStatus: 'pending', createdAt: 1800000000 });
    await repo.upsertImage('portal-2', { s3UploadStatus: 'failed', s3UploadAttempts: 4 });
    expect(await db.collection('assignments').findOne({ assignment_id: 'portal-2' })).toMatchObject({
      question_answers: '[{"q":1}]',
      created_at: 1700000000,
      s3_upload_status: 'failed',
      s3_upload_attempts: 4,
    });
  });

  it('survives concurrent first writes of the same assignment: one document, no error', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => repo.upsertImage('race-1', { s3UploadStatus: 'pending', s3UploadAttempts: i })));
    expect(await db.collection('assignments').countDocuments({ assignment_id: 'race-1' })).toBe(1);
  });

  it('clears the image fields and marks the assignment as having no image', async () => {
    await repo.upsertImage('clear-1', { s3ImageKey: 'generated_images/clear-1.webp', imageMetadata: metadata, cloudfrontUrl: 'https://x/y', s3UploadStatus: 'success' });
    await repo.clearImage('clear-1');
    await expect(repo.find('clear-1')).resolves.toEqual({ assignmentId: 'clear-1', s3UploadStatus: 'no_image' });
  });

  it('streams the documents that still name a legacy image, in assignment id order, and reads nulls as absent', async () => {
    const docs = db.collection('assignments');
    await docs.insertMany([
      { assignment_id: 'legacy-b', s3_image_name: 'legacy-b.png' },
      { assignment_id: 'legacy-a', s3_image_name: 'legacy-a.png', s3_image_key: null, teacher_id: null },
      { assignment_id: 'legacy-c', s3_image_name: '' },
      { assignment_id: 'legacy-d', s3_image_name: null },
      { assignment_id: 'legacy-e', s3_image_name: 'legacy-e.png', s3_image_key: 'generated_images/legacy-e.webp' },
    ]);
    const seen = [];
    for await (const record of repo.legacyImages()) seen.push(record);
    expect(seen).toEqual([
      { assignmentId: 'legacy-a', legacyImageName: 'legacy-a.png' },
      { assignmentId: 'legacy-b', legacyImageName: 'legacy-b.png' },
      { assignmentId: 'legacy-e', legacyImageName: 'legacy-e.png', s3ImageKey: 'generated_images/legacy-e.webp' },
    ]);
  });

  it('takes the database from the URI, edgecv when there is none', () => {
    expect(databaseNameOf('mongodb://127.0.0.1:27017/portal?retryWrites=true')).toBe('portal');
    expect(databaseNameOf('mongodb+srv://user:pw@cluster0.example.net/')).toBe('edgecv');
    expect(databaseNameOf('mongodb://127.0.0.1:27017')).toBe('edgecv');
  });
});
