import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createTestBucket, createTestTable, emptyAndDeleteBucket, testDynamoClient, testMongoUri, testS3Client } from './aws';

describe('test resources on the run-wide local stack', () => {
  const s3 = testS3Client();
  const dynamo = testDynamoClient();
  afterAll(() => {
    s3.destroy();
    dynamo.destroy();
  });

  it('creates a versioned bucket and removes it with every version and delete marker', async () => {
    const bucket = await createTestBucket({ versioned: true });
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a', Body: 'one' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'a', Body: 'two' }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'b//c', Body: 'three' }));

    await emptyAndDeleteBucket(bucket);

    await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('creates an active table under a unique name derived from the given one', async () => {
    const table = await createTestTable({
      TableName: 'Runs',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    });

    expect(table).toMatch(/^runs-/);
    const described = await dynamo.send(new DescribeTableCommand({ TableName: table }));
    expect(described.Table?.TableStatus).toBe('ACTIVE');
  });

  it('names the MongoDB server the global setup exported', () => {
    expect(testMongoUri()).toBe(process.env.MONGODB_URI);
    expect(testMongoUri()).toMatch(/^mongodb:\/\//);
  });
});
