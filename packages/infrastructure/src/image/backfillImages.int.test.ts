import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { BackfillImages, type BackfillEvent } from '@edgecv/use-cases';
import { INTERNAL_ERROR } from '@edgecv/test-harness';
import { startImageTestbed, type ImageTestbed } from './imageTestbed.fixture';

async function collect(events: AsyncIterable<BackfillEvent>): Promise<BackfillEvent[]> {
  const out: BackfillEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

const byId = (events: BackfillEvent[]) => Object.fromEntries(events.map((e) => [e.assignmentId, e]));

describe('backfillImages', () => {
  let bed: ImageTestbed;
  let backfill: BackfillImages;
  let png: Buffer;

  const put = (key: string, body: Buffer) => bed.s3.send(new PutObjectCommand({ Bucket: bed.bucket, Key: key, Body: body, ContentType: 'image/png' }));

  beforeAll(async () => {
    bed = await startImageTestbed();
    backfill = new BackfillImages({ ...bed, sleep: bed.sleep });
    png = await sharp({ create: { width: 1400, height: 1000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
      .blur(2)
      .png()
      .toBuffer();
    // The legacy estate: a PNG with its document (bare s3_image_name), a PNG without one, a
    // document whose PNG is gone, a document naming a PNG outside generated_images/, a corrupt PNG.
    await put('generated_images/100.png', png);
    await bed.collection.insertOne({ assignment_id: '100', s3_image_name: '100.png', teacher_id: 'T1', created_at: 1732612345.678, question_answers: '[]' });
    await put('generated_images/200.png', png);
    await bed.collection.insertOne({ assignment_id: '300', s3_image_name: '300.png' });
    await put('old/uploads/400.png', png);
    await bed.collection.insertOne({ assignment_id: '400', s3_image_name: 'old/uploads/400.png' });
    await put('generated_images/500.png', png.subarray(0, 1000));
    await bed.collection.insertOne({ assignment_id: '500', s3_image_name: '500.png' });
  });
  afterAll(() => bed.close());

  it('plans without writing anything on --dry-run', async () => {
    const events = byId(await collect(backfill.execute({ dryRun: true })));
    expect(events).toMatchObject({
      '100': { type: 'planned', from: 'generated_images/100.png', to: 'generated_images/100.webp', hasDocument: true },
      '200': { type: 'planned', hasDocument: false },
      '300': { type: 'skipped', reason: 'missing-source' },
      '400': { type: 'planned', from: 'old/uploads/400.png', to: 'generated_images/400.webp' },
      '500': { type: 'planned' },
    });
    expect(await bed.store.head(bed.bucket, 'generated_images/100.webp')).toBeUndefined();
    expect((await bed.collection.findOne({ assignment_id: '100' }))?.s3_image_name).toBe('100.png');
  });

  it('resumes a run that stopped after updating a document but before deleting its PNG', async () => {
    // Deletes fail: the first conversion gets as far as the document, then reports the failure.
    bed.proxy.setRule({ action: INTERNAL_ERROR, match: (r) => r.method === 'POST' && r.url.includes('delete') });
    const interrupted = byId(await collect(backfill.execute()));
    bed.proxy.setRule(undefined);
    expect(interrupted['100']).toMatchObject({ type: 'failed' });
    expect(await bed.store.head(bed.bucket, 'generated_images/100.png')).toBeDefined();

    const events = byId(await collect(backfill.execute()));

    expect(events['100']).toMatchObject({ type: 'converted', documentUpdated: true, originalDeleted: true });
    expect(await bed.store.head(bed.bucket, 'generated_images/100.png')).toBeUndefined();
    expect(events['400']).toMatchObject({ type: 'converted', originalDeleted: true });
    expect(await bed.store.head(bed.bucket, 'generated_images/400.webp')).toBeDefined();
    expect(await bed.store.head(bed.bucket, 'old/uploads/400.png')).toBeUndefined();
    expect(await bed.collection.findOne({ assignment_id: '400' })).not.toHaveProperty('s3_image_name');
  });

  it('leaves every legacy image converted, verified and referenced, keeping what it cannot cut over', async () => {
    const doc = await bed.collection.findOne({ assignment_id: '100' });
    expect(doc).toMatchObject({
      s3_image_key: 'generated_images/100.webp',
      s3_upload_status: 'success',
      teacher_id: 'T1',
      question_answers: '[]',
      image_metadata: { original_size_bytes: png.byteLength, format: 'webp', dimensions: '1024x731' },
    });
    expect(doc).not.toHaveProperty('s3_image_name');
    const webp = await bed.s3.send(new GetObjectCommand({ Bucket: bed.bucket, Key: 'generated_images/100.webp' }));
    expect(webp.ContentType).toBe('image/webp');
    expect(webp.Metadata).toMatchObject({ 'assignment-id': '100', 'teacher-id': 'T1', 'created-at': '2024-11-26T09:12:25Z', 'original-format': 'png', optimized: 'true' });
    expect((await sharp(Buffer.from(await webp.Body!.transformToByteArray())).metadata()).format).toBe('webp');

    // No document to point at the WebP: converted, but the PNG stays.
    expect(await bed.store.head(bed.bucket, 'generated_images/200.webp')).toBeDefined();
    expect(await bed.store.head(bed.bucket, 'generated_images/200.png')).toBeDefined();
    // A PNG that cannot be decoded is reported and left alone, document included.
    expect(await bed.store.head(bed.bucket, 'generated_images/500.png')).toBeDefined();
    expect((await bed.collection.findOne({ assignment_id: '500' }))?.s3_image_name).toBe('500.png');
  });

  it('has nothing left to do on a further run but report what it cannot fix', async () => {
    const events = byId(await collect(backfill.execute()));
    expect(events).toEqual({
      '200': { type: 'skipped', assignmentId: '200', from: 'generated_images/200.png', reason: 'already-converted' },
      '300': { type: 'skipped', assignmentId: '300', from: 'generated_images/300.png', reason: 'missing-source' },
      '500': expect.objectContaining({ type: 'failed', code: 'IMAGE_CORRUPT' }),
    });
  });
});
