// What the embedded S3 server (moto) accepts, checked against the run-wide local stack. Each test
// is a behaviour of real S3 this project relies on; what moto lacks is in docs/local-stack.md.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectAttributesCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  UploadPartCopyCommand,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';

function endpointConfig(): S3ClientConfig {
  return {
    endpoint: process.env.AWS_ENDPOINT_URL_S3,
    region: process.env.AWS_REGION,
    credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID!, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! },
    forcePathStyle: true,
  };
}

let bucketCounter = 0;
async function newBucket(s3: S3Client, versioned = false): Promise<string> {
  bucketCounter += 1;
  const bucket = `capabilities-${process.pid}-${Date.now().toString(36)}-${bucketCounter}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  if (versioned) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return bucket;
}

async function text(s3: S3Client, Bucket: string, Key: string, VersionId?: string): Promise<string> {
  const object = await s3.send(new GetObjectCommand({ Bucket, Key, VersionId }));
  return object.Body!.transformToString();
}

/** Listing keys come back form-encoded with EncodingType=url: '+' is a space. */
function decodeListedKey(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

function sha256Base64(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('base64');
}

describe('the local S3 server, with the SDK defaults (flexible checksums when supported)', () => {
  const s3 = new S3Client(endpointConfig());
  let bucket: string;
  beforeAll(async () => {
    bucket = await newBucket(s3);
  });
  afterAll(() => s3.destroy());

  // The legacy keys the migration reads, and what real S3 accepts beside them.
  const keys = [
    'jobs//double-slash/x.jpg',
    '//leading-double-slash',
    'with space/and more spaces .png',
    'plus+sign+key',
    'percent%20literal%2Fnot-decoded%',
    'ünïcødé/日本語/😀.txt',
    'trailing-slash/',
    'dot/./segment',
    'dotdot/../segment',
    './leading-dot',
    '../leading-dotdot',
    'carriage\rreturn',
    'line\nfeed/in a key',
    'tab\tand?query=like&amp;#hash',
    'a'.repeat(1024),
  ];

  it.each(keys)('stores and returns the key %j byte for byte', async (key) => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: `body of ${key}` }));

    expect(await text(s3, bucket, key)).toBe(`body of ${key}`);
    // URL encoding keeps control characters intact through XML (which turns a bare CR into LF).
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key.slice(0, 5), EncodingType: 'url' }));
    expect(listed.Contents?.map((entry) => decodeListedKey(entry.Key!))).toContain(key);
  });

  it('accepts a streamed body sent aws-chunked with a CRC32 trailer (the SDK default) and stores the decoded bytes', async () => {
    const client = new S3Client(endpointConfig());
    const sent: Record<string, string>[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordHeaders' },
    );
    const body = Readable.from([Buffer.from('chunk one, '), Buffer.from('chunk two')]);
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'streamed', Body: body, ContentLength: 20 }));
    client.destroy();

    expect(sent[0]).toMatchObject({
      'content-encoding': 'aws-chunked',
      'x-amz-trailer': 'x-amz-checksum-crc32',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
    });
    expect(await text(s3, bucket, 'streamed')).toBe('chunk one, chunk two');
  });

  it('copies a large object part by part (UploadPartCopy) into a multipart upload', async () => {
    const partSize = 5 * 1024 * 1024;
    const source = Buffer.alloc(partSize + 1024, 'x');
    source.write('head', 0);
    source.write('tail', source.length - 4);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'copy source/ü+', Body: source }));

    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'copy target//ü+' }));
    const ranges = [`bytes=0-${partSize - 1}`, `bytes=${partSize}-${source.length - 1}`];
    const parts = await Promise.all(
      ranges.map(async (range, index) => {
        const copied = await s3.send(
          new UploadPartCopyCommand({
            Bucket: bucket,
            Key: 'copy target//ü+',
            UploadId,
            PartNumber: index + 1,
            CopySource: `${bucket}/${encodeURIComponent('copy source/ü+')}`,
            CopySourceRange: range,
          }),
        );
        return { PartNumber: index + 1, ETag: copied.CopyPartResult?.ETag };
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'copy target//ü+', UploadId, MultipartUpload: { Parts: parts } }),
    );

    const copy = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy target//ü+' }));
    const bytes = Buffer.from(await copy.Body!.transformToByteArray());
    expect(bytes.equals(source)).toBe(true);
    expect(copy.ETag).toMatch(/-2"$/);
  });

  it('refuses a conditional PUT with If-None-Match: * when the key exists (412), and accepts it when it does not', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'only-once', Body: 'first', IfNoneMatch: '*' }));

    await expect(
      s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'only-once', Body: 'second', IfNoneMatch: '*' })),
    ).rejects.toMatchObject({ name: 'PreconditionFailed', $metadata: { httpStatusCode: 412 } });
    expect(await text(s3, bucket, 'only-once')).toBe('first');
  });

  it('tags an object and reads the tags back', async () => {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'tagged', Body: 'x', Tagging: 'origin=legacy&job=42' }));
    await s3.send(
      new PutObjectTaggingCommand({
        Bucket: bucket,
        Key: 'tagged',
        Tagging: { TagSet: [{ Key: 'origin', Value: 'migrated' }, { Key: 'run', Value: 'r 1/ü' }] },
      }),
    );

    const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'tagged' }));
    expect(TagSet).toEqual(
      expect.arrayContaining([
        { Key: 'origin', Value: 'migrated' },
        { Key: 'run', Value: 'r 1/ü' },
      ]),
    );
    expect(TagSet).toHaveLength(2);
  });

  it('replaces metadata and content type on CopyObject with MetadataDirective REPLACE', async () => {
    await s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'meta', Body: 'x', ContentType: 'text/plain', Metadata: { old: '1' } }),
    );
    await s3.send(
      new CopyObjectCommand({
        Bucket: bucket,
        Key: 'meta copy',
        CopySource: `${bucket}/meta`,
        MetadataDirective: 'REPLACE',
        ContentType: 'image/jpeg',
        Metadata: { fresh: 'yes' },
      }),
    );

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'meta copy' }));
    expect(head.ContentType).toBe('image/jpeg');
    expect(head.Metadata).toEqual({ fresh: 'yes' });
  });

  it('stores a SHA-256 checksum sent with PutObject and reports it in GetObjectAttributes and GetObject', async () => {
    const body = 'checksummed body';
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'checksummed', Body: body, ChecksumAlgorithm: 'SHA256' }));

    // One attribute per call: moto reads only the first of a list (see docs/local-stack.md).
    const checksum = await s3.send(
      new GetObjectAttributesCommand({ Bucket: bucket, Key: 'checksummed', ObjectAttributes: ['Checksum'] }),
    );
    const size = await s3.send(
      new GetObjectAttributesCommand({ Bucket: bucket, Key: 'checksummed', ObjectAttributes: ['ObjectSize'] }),
    );
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'checksummed', ChecksumMode: 'ENABLED' }));
    await object.Body!.transformToString();

    expect(checksum.Checksum?.ChecksumSHA256).toBe(sha256Base64(body));
    expect(size.ObjectSize).toBe(body.length);
    expect(object.ChecksumSHA256).toBe(sha256Base64(body));
  });
});

describe('the local S3 server, versioning', () => {
  const s3 = new S3Client(endpointConfig());
  afterAll(() => s3.destroy());

  it('keeps every version, serves each by id, and hides the key behind a delete marker', async () => {
    const bucket = await newBucket(s3, true);
    const key = 'versioned//ü key+';
    const first = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v1' }));
    const second = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'v2' }));
    const deleted = await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));

    expect(deleted.DeleteMarker).toBe(true);
    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
    expect(await text(s3, bucket, key, first.VersionId)).toBe('v1');
    expect(await text(s3, bucket, key, second.VersionId)).toBe('v2');

    const listing = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'versioned' }));
    expect(listing.Versions?.map((version) => version.VersionId).sort()).toEqual([first.VersionId, second.VersionId].sort());
    expect(listing.DeleteMarkers).toEqual([
      expect.objectContaining({ Key: key, VersionId: deleted.VersionId, IsLatest: true }),
    ]);

    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key, VersionId: deleted.VersionId }));
    expect(await text(s3, bucket, key)).toBe('v2');
  });
});
