// What the migration needs beyond plain listing: versioning status, which version is current,
// delete markers, and the delete marker a batched delete leaves on a versioned bucket.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createTestBucket, emptyAndDeleteBucket, testS3Client } from '@edgecv/test-harness';
import { S3ObjectStore } from './S3ObjectStore';
import { s3ConfigFromEnv } from './S3ObjectStoreConfig';

const store = new S3ObjectStore(s3ConfigFromEnv(process.env));
const s3 = testS3Client();

describe('S3ObjectStore versions', () => {
  it('reports whether a bucket is versioned', async () => {
    const plain = await createTestBucket();
    const versioned = await createTestBucket({ versioned: true });
    try {
      await expect(store.bucketVersioning(plain)).resolves.toBe('disabled');
      await expect(store.bucketVersioning(versioned)).resolves.toBe('enabled');
    } finally {
      await emptyAndDeleteBucket(plain);
      await emptyAndDeleteBucket(versioned);
    }
  });

  it('marks the latest version and delete markers in a version listing, and returns the marker a delete leaves', async () => {
    const bucket = await createTestBucket({ versioned: true });
    try {
      const v1 = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a//b c.txt', Body: 'one' }));
      const v2 = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a//b c.txt', Body: 'two' }));
      const before = [];
      for await (const v of store.list(bucket, 'a/', { versions: true })) before.push(v);
      expect(before.find((v) => v.versionId === v2.VersionId)).toMatchObject({ isLatest: true, isDeleteMarker: false, size: 3 });
      expect(before.find((v) => v.versionId === v1.VersionId)).toMatchObject({ isLatest: false, isDeleteMarker: false });

      const { deleted } = await store.deleteMany(bucket, [{ key: 'a//b c.txt' }]);
      const marker = deleted[0]?.deleteMarkerVersionId;
      expect(marker).toEqual(expect.any(String));
      const after = [];
      for await (const v of store.list(bucket, 'a/', { versions: true })) after.push(v);
      expect(after.find((v) => v.versionId === marker)).toMatchObject({ isLatest: true, isDeleteMarker: true });
      expect(after.filter((v) => v.isLatest)).toHaveLength(1);
    } finally {
      await emptyAndDeleteBucket(bucket);
    }
  });
});
