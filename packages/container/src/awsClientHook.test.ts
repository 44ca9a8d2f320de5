import { type AwsSdkClient, sdkClientsOf } from './awsClientHook';
import { Edgecv } from './Edgecv';

// A MongoDB nobody answers, given up on at once: the image use cases are built with their
// assignments repository, and building never waits for the connection.
const ENV = { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', EDGECV_ARTIFACT_BUCKET: 'hook-test-bucket', MONGODB_URI: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=50' };

describe('onAwsClient: every AWS SDK client the adapters build passes through the hook once', () => {
  it('sees the S3, DynamoDB, SageMaker and Greengrass clients when their adapters are first built, and only then', async () => {
    const seen: AwsSdkClient[] = [];
    const edgecv = Edgecv.fromEnv(ENV, { edge: { mlServices: 'aws', sageMakerRoleArn: 'arn:aws:iam::1:role/r' }, onAwsClient: (c) => seen.push(c) });
    try {
      expect(seen).toEqual([]);
      void edgecv.jobs.getJobArtifactUrls; // the object store and the job repository: S3 and DynamoDB clients
      void edgecv.images.getImageUrl; // the images' own object store
      void edgecv.edge.startTrainingJob; // SageMaker
      void edgecv.edge.publishComponent; // Greengrass
      void edgecv.jobs.archiveJob; // singletons: the same store, not seen twice
      const names = seen.map((c) => c.constructor.name);
      expect(names.filter((n) => n === 'S3Client').length).toBeGreaterThanOrEqual(2);
      expect(names).toEqual(expect.arrayContaining(['DynamoDBClient', 'SageMakerClient', 'GreengrassV2Client']));
      // The document client shares its client's middleware stack: instrumented once, not twice.
      expect(names).not.toContain('DynamoDBDocumentClient');
      expect(new Set(seen.map((c) => c.middlewareStack)).size).toBe(seen.length);
    } finally {
      await edgecv.close();
    }
  });

  it('finds no client in an adapter without one', () => {
    expect(sdkClientsOf({ store: { put: () => undefined }, name: 'x' })).toEqual([]);
    expect(sdkClientsOf(undefined)).toEqual([]);
  });
});
