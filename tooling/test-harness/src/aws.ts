// Clients and disposable resources for integration tests, all configured from the variables
// the jest global setup exports (or the real servers a developer names with them).
import { randomBytes } from 'node:crypto';
import {
  CreateTableCommand,
  DynamoDBClient,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the tests through jest with the edgecv preset (its global setup starts the local stack)`);
  }
  return value;
}

function clientConfig(endpointVariable: string) {
  return {
    endpoint: required(endpointVariable),
    region: process.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: required('AWS_ACCESS_KEY_ID'), secretAccessKey: required('AWS_SECRET_ACCESS_KEY') },
  };
}

/** Path-style, because the local servers answer on one loopback host with no bucket subdomains. */
export function testS3Client(): S3Client {
  return new S3Client({ ...clientConfig('AWS_ENDPOINT_URL_S3'), forcePathStyle: true });
}

export function testDynamoClient(): DynamoDBClient {
  return new DynamoDBClient(clientConfig('AWS_ENDPOINT_URL_DYNAMODB'));
}

export function testMongoUri(): string {
  return required('MONGODB_URI');
}

let counter = 0;

/**
 * A name no other test, worker or run uses at the same time, valid as an S3 bucket and a
 * DynamoDB table name: lowercase letters, digits and hyphens, 3 to 63 characters.
 */
export function uniqueName(prefix = 'test'): string {
  const clean = prefix.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'test';
  const worker = process.env.JEST_WORKER_ID ?? '0';
  counter += 1;
  const suffix = `w${worker}-${process.pid.toString(36)}-${counter.toString(36)}-${randomBytes(3).toString('hex')}`;
  const head = clean.slice(0, 62 - suffix.length).replace(/-+$/, '');
  const name = `${head}-${suffix}`;
  return /^[a-z0-9]/.test(name) ? name : `t${name.slice(1)}`;
}

export async function createTestBucket(opts: { versioned?: boolean; prefix?: string; client?: S3Client } = {}): Promise<string> {
  const client = opts.client ?? testS3Client();
  const name = uniqueName(opts.prefix ?? 'bucket');
  await client.send(new CreateBucketCommand({ Bucket: name }));
  if (opts.versioned) {
    await client.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return name;
}

/** Deletes every version and delete marker, then the bucket; the clean-up a versioned bucket needs. */
export async function emptyAndDeleteBucket(name: string, client: S3Client = testS3Client()): Promise<void> {
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListObjectVersionsCommand({ Bucket: name, KeyMarker: keyMarker, VersionIdMarker: versionIdMarker, EncodingType: 'url' }),
    );
    // Keys come back URL-encoded when the server honours encoding-type (S3, MinIO; moto does not).
    const key = (k: string | undefined): string | undefined => (k !== undefined && page.EncodingType === 'url' ? decodeURIComponent(k.replace(/\+/g, ' ')) : k);
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((entry) => ({
      Key: key(entry.Key)!,
      VersionId: entry.VersionId,
    }));
    if (objects.length > 0) {
      await client.send(new DeleteObjectsCommand({ Bucket: name, Delete: { Objects: objects, Quiet: true } }));
    }
    if (!page.IsTruncated) break;
    keyMarker = key(page.NextKeyMarker);
    versionIdMarker = page.NextVersionIdMarker;
  }
  await client.send(new DeleteBucketCommand({ Bucket: name }));
}

/** Creates a table with a unique name (the definition's TableName is used as the prefix) and waits until it is active. */
export async function createTestTable(
  def: Omit<CreateTableCommandInput, 'TableName'> & { TableName?: string },
  client: DynamoDBClient = testDynamoClient(),
): Promise<string> {
  const name = uniqueName(def.TableName ?? 'table');
  await client.send(
    new CreateTableCommand({ BillingMode: def.ProvisionedThroughput ? undefined : 'PAY_PER_REQUEST', ...def, TableName: name }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 2 }, { TableName: name });
  return name;
}
