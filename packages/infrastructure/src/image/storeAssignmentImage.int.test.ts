import { GetObjectCommand, HeadObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { ACCESS_DENIED, SLOW_DOWN } from '@edgecv/test-harness';
import { S3PermissionError, S3UploadError, StoreAssignmentImage } from '@edgecv/use-cases';
import { FIXED_NOW, startImageTestbed, type ImageTestbed } from './imageTestbed.fixture';

const isPut = (r: { method: string; url: string }) => r.method === 'PUT' && r.url.includes('generated_images');

async function photoPng(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .blur(3)
    .png()
    .toBuffer();
}

describe('storeAssignmentImage', () => {
  let bed: ImageTestbed;
  let storeImage: StoreAssignmentImage;

  beforeAll(async () => {
    bed = await startImageTestbed({ cloudfrontDomain: 'd1234567890.cloudfront.net' });
    storeImage = new StoreAssignmentImage({ ...bed, sleep: bed.sleep });
  });
  afterAll(() => bed.close());
  beforeEach(() => {
    bed.proxy.setRule(undefined);
    bed.slept.length = 0;
    bed.logger.entries.length = 0;
  });

  async function versions(key: string): Promise<number> {
    const r = await bed.s3.send(new ListObjectVersionsCommand({ Bucket: bed.bucket, Prefix: key }));
    return (r.Versions ?? []).filter((v) => v.Key === key).length;
  }

  it('optimises, uploads with the metadata of spec 003 and records the image on the assignment', async () => {
    const png = await photoPng();

    const stored = await storeImage.execute('1732612345678', png, { teacherId: 'CloudAge-User', prompt: 'A serene mountain landscape at sunset' });

    expect(stored).toMatchObject({
      key: 'generated_images/1732612345678.webp',
      contentType: 'image/webp',
      cloudfrontUrl: 'https://d1234567890.cloudfront.net/generated_images/1732612345678.webp',
      optimized: true,
      attempts: 1,
      outcome: 'created',
      warnings: [],
      imageMetadata: { originalSizeBytes: png.byteLength, format: 'webp', dimensions: '1024x768' },
    });
    const head = await bed.s3.send(new HeadObjectCommand({ Bucket: bed.bucket, Key: stored.key }));
    expect(head.ContentType).toBe('image/webp');
    expect(head.CacheControl).toBe('max-age=31536000');
    expect(head.Metadata).toMatchObject({
      'assignment-id': '1732612345678',
      'teacher-id': 'CloudAge-User',
      'created-at': '2024-11-26T10:30:45Z',
      'original-format': 'png',
      optimized: 'true',
    });
    expect(head.ContentLength).toBe(stored.imageMetadata.optimizedSizeBytes);

    const doc = await bed.collection.findOne({ assignment_id: '1732612345678' });
    expect(doc).toMatchObject({
      teacher_id: 'CloudAge-User',
      prompt: 'A serene mountain landscape at sunset',
      s3_image_key: 'generated_images/1732612345678.webp',
      cloudfront_url: 'https://d1234567890.cloudfront.net/generated_images/1732612345678.webp',
      image_metadata: {
        original_size_bytes: png.byteLength,
        optimized_size_bytes: stored.imageMetadata.optimizedSizeBytes,
        compression_ratio: stored.imageMetadata.compressionRatio,
        format: 'webp',
        dimensions: '1024x768',
      },
      created_at: FIXED_NOW.getTime() / 1000,
      s3_upload_status: 'success',
      s3_upload_attempts: 1,
    });
    expect(stored.imageMetadata.compressionRatio).toBeLessThanOrEqual(0.7);
  });

  it('keeps the fields the portal owns when it updates a document', async () => {
    await bed.collection.insertOne({ assignment_id: 'portal-1', question_answers: '[{"q":"why?"}]', created_at: 1700000000.5 });
    await storeImage.execute('portal-1', await photoPng(300, 200), { teacherId: 't-1' });
    expect(await bed.collection.findOne({ assignment_id: 'portal-1' })).toMatchObject({
      question_answers: '[{"q":"why?"}]',
      created_at: 1700000000.5,
      s3_upload_status: 'success',
    });
  });

  it('falls back to the original bytes as .png with a warning when optimisation fails (property 19)', async () => {
    const png = await photoPng(400, 300);
    const truncated = png.subarray(0, png.length - 200);

    const stored = await storeImage.execute('broken-1', truncated, { teacherId: 't-2' });

    expect(stored).toMatchObject({ key: 'generated_images/broken-1.png', optimized: false, contentType: 'image/png' });
    expect(stored.warnings).toEqual(['The image could not be optimised; the original was stored.']);
    const object = await bed.s3.send(new GetObjectCommand({ Bucket: bed.bucket, Key: stored.key }));
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(truncated)).toBe(true);
    expect(object.Metadata).toMatchObject({ optimized: 'false', 'original-format': 'png' });
    const warning = bed.logger.entries.find((e) => e.level === 'warn' && e.fields.operation === 'optimize');
    expect(warning?.fields).toMatchObject({ result: 'fallback', errorCode: 'IMAGE_CORRUPT', assignmentId: 'broken-1', correlationId: stored.correlationId });
  });

  it('retries SlowDown at the configured delays and ends with one object, not several', async () => {
    bed.proxy.setRule({ action: SLOW_DOWN, firstN: 2, match: isPut });

    const stored = await storeImage.execute('retry-1', await photoPng(500, 500), { teacherId: 't-3' });

    expect(stored.attempts).toBe(3);
    expect(bed.slept).toEqual([10, 20]);
    expect(await versions(stored.key)).toBe(1);
    expect((await bed.collection.findOne({ assignment_id: 'retry-1' }))?.s3_upload_attempts).toBe(3);
    const retries = bed.logger.entries.filter((e) => e.fields.result === 'retry');
    expect(retries.map((e) => e.fields.attempt)).toEqual([1, 2]);
  });

  it('never writes a duplicate when the server stored the image but the answer was lost', async () => {
    bed.proxy.setRule({ action: { kind: 'reset', afterForward: true }, firstN: 1, match: isPut });

    const stored = await storeImage.execute('lost-answer-1', await photoPng(500, 500), { teacherId: 't-4' });

    expect(stored).toMatchObject({ attempts: 2, outcome: 'unchanged' });
    expect(await versions(stored.key)).toBe(1);
  });

  it('cancels an attempt that exceeds the timeout and retries it (property 26)', async () => {
    bed.proxy.setRule({ action: { kind: 'delay', ms: 60_000, forward: false }, firstN: 1, match: isPut });
    const started = Date.now();

    const stored = await storeImage.execute('slow-1', await photoPng(300, 300), { teacherId: 't-5' });

    expect(stored.attempts).toBe(2);
    expect(Date.now() - started).toBeLessThan(10_000);
    const timedOut = bed.logger.entries.find((e) => e.fields.result === 'retry');
    expect(timedOut?.fields).toMatchObject({ errorCode: 'OPERATION_TIMEOUT', attempt: 1 });
  });

  it('gives up after the last retry with a plain message, a correlation id, and the document marked failed', async () => {
    bed.proxy.setRule({ action: SLOW_DOWN, match: isPut });

    const error = await storeImage.execute('down-1', await photoPng(300, 300), { teacherId: 't-6' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(S3UploadError);
    const e = error as S3UploadError;
    expect(e).toMatchObject({ code: 'S3_UPLOAD_FAILED', attempts: 4, assignmentId: 'down-1' });
    expect(e.userMessage).toBe('Upload failed. Please try again later.');
    expect(e.userMessage).not.toMatch(/S3|SlowDown|503|bucket/i);
    expect(bed.slept).toEqual([10, 20, 40]);
    expect(await bed.collection.findOne({ assignment_id: 'down-1' })).toMatchObject({ s3_upload_status: 'failed', s3_upload_attempts: 4 });
    const failure = bed.logger.entries.find((e) => e.fields.result === 'failure');
    expect(failure?.level).toBe('error');
    expect(failure?.fields).toMatchObject({ correlationId: e.correlationId, assignmentId: 'down-1', httpStatus: 503, user: { teacherId: 't-6' } });
  });

  it('does not retry a permission error and says so without internals', async () => {
    bed.proxy.setRule({ action: ACCESS_DENIED, match: isPut });
    const before = bed.proxy.counters.injected.status;

    const error = await storeImage.execute('denied-1', await photoPng(300, 300), { teacherId: 't-7' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(S3PermissionError);
    expect(bed.proxy.counters.injected.status - before).toBe(1);
    expect((error as S3PermissionError).userMessage).not.toMatch(/403|AccessDenied|IAM/);
    expect(bed.logger.entries.find((e) => e.fields.result === 'failure')?.fields).toMatchObject({ alert: 'permission' });
  });

  it('replaces the image of an assignment that already has a different one, keeping one current object', async () => {
    const first = await storeImage.execute('again-1', await photoPng(300, 300), { teacherId: 't-8' });
    const second = await storeImage.execute('again-1', await photoPng(200, 100), { teacherId: 't-8' });

    expect([first.outcome, second.outcome]).toEqual(['created', 'replaced']);
    const doc = await bed.collection.findOne({ assignment_id: 'again-1' });
    expect(doc?.image_metadata).toMatchObject({ dimensions: '200x100' });
  });

  it('logs every S3 operation with timestamp, user, assignment and result (property 23)', async () => {
    await storeImage.execute('logged-1', await photoPng(300, 300), { teacherId: 't-9' });
    const upload = bed.logger.entries.find((e) => e.fields.operation === 'upload');
    expect(upload?.fields).toMatchObject({
      timestamp: FIXED_NOW.toISOString(),
      user: { teacherId: 't-9' },
      assignmentId: 'logged-1',
      result: 'success',
      key: 'generated_images/logged-1.webp',
    });
    expect(JSON.parse(JSON.stringify(upload?.fields))).toEqual(upload?.fields);
  });

  it('refuses an assignment id that cannot be a key segment before writing anything', async () => {
    await expect(storeImage.execute('../escape', await photoPng(10, 10), { teacherId: 't' })).rejects.toMatchObject({ code: 'INVALID_SEGMENT' });
    expect(await bed.collection.findOne({ assignment_id: '../escape' })).toBeNull();
  });
});
