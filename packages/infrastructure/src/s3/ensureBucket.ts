// Provisioning for the local stack and tests; in AWS the CDK app owns the buckets.
import { ServiceError, ServiceResourceNotFoundError } from '@edgecv/use-cases';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketVersioningCommand,
  type S3Client,
} from '@aws-sdk/client-s3';

/** Whether the bucket exists (HeadBucket); any answer but "not found" is thrown as it came. */
export async function bucketExists(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    // The store's client answers in the ports' terms; a plain SDK client with its own 404.
    const missing = error instanceof ServiceResourceNotFoundError || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
    if (!missing) throw error;
    return false;
  }
}

/** Creates the bucket unless it exists; returns whether it created it. Idempotent and race-safe. */
export async function ensureBucket(client: S3Client, bucket: string, options: { versioned?: boolean } = {}): Promise<boolean> {
  let created = false;
  if (!(await bucketExists(client, bucket))) {
    try {
      const region = await client.config.region();
      await client.send(
        new CreateBucketCommand({
          Bucket: bucket,
          // us-east-1 is the one region that refuses an explicit location constraint.
          ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as never } }),
        }),
      );
      created = true;
    } catch (createError) {
      const ours = createError instanceof BucketAlreadyOwnedByYou || (createError instanceof ServiceError && createError.providerCode === 'BucketAlreadyOwnedByYou');
      if (!ours) throw createError;
    }
  }
  if (options.versioned) {
    await client.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return created;
}
