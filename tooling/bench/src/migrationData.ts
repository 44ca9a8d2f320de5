// The benchmark's data set: N objects of 1 KiB under legacy training-output keys (no `//`, which
// MinIO refuses), written the same way before every tool's run.
import { Agent } from 'node:http';
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { RunningMinio } from './resultsMinio';

export const legacyKey = (i: number): string => `training-output/job-${i % 200}/part-${String(i).padStart(6, '0')}.bin`;

export function benchClient(m: RunningMinio, sockets = 256): S3Client {
  return new S3Client({
    endpoint: m.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: m.accessKeyId, secretAccessKey: m.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { httpAgent: new Agent({ keepAlive: true, maxSockets: sockets }) },
  });
}

export async function pool<T>(items: readonly T[], width: number, work: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

export async function seed(s3: S3Client, bucket: string, n: number): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  const body = Buffer.alloc(1024, 7);
  await pool(
    Array.from({ length: n }, (_, i) => i),
    64,
    async (i) => void (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: legacyKey(i), Body: body, ContentType: 'application/octet-stream' }))),
  );
}

export async function countKeys(s3: S3Client, bucket: string, prefix: string): Promise<number> {
  let n = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    n += page.KeyCount ?? 0;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return n;
}
