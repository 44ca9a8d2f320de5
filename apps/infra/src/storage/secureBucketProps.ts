// What every edgecv bucket shares (spec 003 properties 5 and 6, cdk-nag S1/S2/S10): AES-256 at
// rest, versioned, no public access, TLS only, ACLs off, access logs, kept when the stack goes.
import { RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

export function secureBucketProps(accessLogs: s3.IBucket, logPrefix: string): s3.BucketProps {
  return {
    encryption: s3.BucketEncryption.S3_MANAGED,
    bucketKeyEnabled: false,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: logPrefix,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/** `{prefix}-{account}-{region}`: unique per account and region, still recognisable. */
export function bucketName(prefix: string, account: string, region: string): string {
  return `${prefix}-${account}-${region}`;
}
