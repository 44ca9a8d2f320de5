import { PutObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { ACCESS_DENIED } from '@edgecv/test-harness';
import { DeleteAssignmentImage, GetAssignmentImage, GetImageUrl, PLACEHOLDER_MESSAGE, StoreAssignmentImage } from '@edgecv/use-cases';
import { startImageTestbed, type ImageTestbed } from './imageTestbed.fixture';

const isGet = (r: { method: string; url: string }) => r.method === 'GET' && r.url.includes('generated_images');

describe('getAssignmentImage, deleteAssignmentImage, getImageUrl', () => {
  let bed: ImageTestbed;
  let storeImage: StoreAssignmentImage;
  let getImage: GetAssignmentImage;
  let png: Buffer;

  beforeAll(async () => {
    bed = await startImageTestbed();
    storeImage = new StoreAssignmentImage({ ...bed, sleep: bed.sleep });
    getImage = new GetAssignmentImage(bed);
    png = await sharp({ create: { width: 640, height: 480, channels: 4, background: { r: 20, g: 90, b: 200, alpha: 0.6 } } }).png().toBuffer();
  });
  afterAll(() => bed.close());
  beforeEach(() => bed.proxy.setRule(undefined));

  it('returns the stored bytes and their content type', async () => {
    const stored = await storeImage.execute('get-1', png, { teacherId: 't' });
    const image = await getImage.execute('get-1');
    expect(image).toMatchObject({ found: true, key: stored.key, contentType: 'image/webp' });
    if (!image.found) throw new Error('unreachable');
    expect((await sharp(image.bytes).metadata()).format).toBe('webp');
  });

  it.each([
    ['no document', 'nobody-1', 'no-document'],
    ['a document without an image', 'no-image-1', 'no-image'],
    ['a document whose object is gone', 'gone-1', 'missing-object'],
  ])('answers %s with a placeholder, never an exception (property 9)', async (_what, assignmentId, reason) => {
    if (assignmentId === 'no-image-1') await bed.collection.insertOne({ assignment_id: assignmentId, s3_upload_status: 'no_image' });
    if (assignmentId === 'gone-1') await bed.collection.insertOne({ assignment_id: assignmentId, s3_image_key: 'generated_images/gone-1.webp' });
    await expect(getImage.execute(assignmentId)).resolves.toMatchObject({ found: false, reason, message: PLACEHOLDER_MESSAGE });
  });

  it('answers a refused download with a placeholder and an alert in the logs', async () => {
    await storeImage.execute('denied-get-1', png, { teacherId: 't' });
    bed.proxy.setRule({ action: ACCESS_DENIED, match: (r) => r.url.includes('denied-get-1') });
    const image = await getImage.execute('denied-get-1');
    expect(image).toMatchObject({ found: false, reason: 'access-denied', error: { code: 'S3_PERMISSION_DENIED', correlationId: image.correlationId } });
    expect(bed.logger.entries.at(-1)?.fields).toMatchObject({ alert: 'permission', assignmentId: 'denied-get-1' });
  });

  it('retries a dropped connection once, then gives the image', async () => {
    await storeImage.execute('flaky-get-1', png, { teacherId: 't' });
    bed.proxy.setRule({ action: { kind: 'reset' }, firstN: 1, match: isGet });
    await expect(getImage.execute('flaky-get-1')).resolves.toMatchObject({ found: true });
  });

  it('shows the placeholder when the connection keeps dropping', async () => {
    await storeImage.execute('dead-get-1', png, { teacherId: 't' });
    bed.proxy.setRule({ action: { kind: 'reset' }, match: isGet });
    const image = await getImage.execute('dead-get-1');
    expect(image).toMatchObject({ found: false, reason: 'unavailable', error: { code: 'S3_DOWNLOAD_FAILED' } });
    expect(!image.found && image.error?.userMessage).toBe('The image is not available right now.');
  });

  it('serves a legacy document by its s3_image_name', async () => {
    await bed.s3.send(new PutObjectCommand({ Bucket: bed.bucket, Key: 'generated_images/legacy-1.png', Body: png, ContentType: 'image/png' }));
    await bed.collection.insertOne({ assignment_id: 'legacy-1', s3_image_name: 'legacy-1.png' });
    await expect(getImage.execute('legacy-1')).resolves.toMatchObject({ found: true, key: 'generated_images/legacy-1.png', contentType: 'image/png' });
  });

  it('deletes the image and clears the document, after which a read gives the placeholder', async () => {
    const stored = await storeImage.execute('delete-1', png, { teacherId: 't' });
    const deleted = await new DeleteAssignmentImage(bed).execute('delete-1');
    expect(deleted.deletedKeys).toEqual([stored.key]);
    expect(await bed.store.head(bed.bucket, stored.key)).toBeUndefined();
    const doc = await bed.collection.findOne({ assignment_id: 'delete-1' });
    expect(doc).toMatchObject({ s3_upload_status: 'no_image' });
    expect(doc).not.toHaveProperty('s3_image_key');
    expect(doc).not.toHaveProperty('image_metadata');
    await expect(getImage.execute('delete-1')).resolves.toMatchObject({ found: false, reason: 'no-image' });
  });

  it('gives a presigned GET that a plain HTTP client can use when no CloudFront domain is set', async () => {
    const stored = await storeImage.execute('url-1', png, { teacherId: 't' });
    const url = await new GetImageUrl(bed).execute('url-1', { expirySeconds: 60 });
    expect(url).toMatchObject({ found: true, source: 'presigned', key: stored.key });
    if (!url.found) throw new Error('unreachable');
    const response = await fetch(url.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/webp');
    expect(Buffer.from(await response.arrayBuffer()).byteLength).toBe(stored.imageMetadata.optimizedSizeBytes);
  });

  it('gives the CloudFront URL when a domain is configured, and says when there is nothing to link', async () => {
    await storeImage.execute('url-2', png, { teacherId: 't' });
    const urls = new GetImageUrl({ ...bed, config: { ...bed.config, cloudfrontDomain: 'cdn.example.org' } });
    await expect(urls.execute('url-2')).resolves.toMatchObject({ found: true, source: 'cloudfront', url: 'https://cdn.example.org/generated_images/url-2.webp' });
    await expect(urls.execute('nobody-2')).resolves.toEqual({ found: false, assignmentId: 'nobody-2', reason: 'no-document' });
  });
});
