// The destination of S3 server access logs and CloudFront standard logs for one stack.
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { skipCheckov } from '../scanning/skipCheckov';

export interface AccessLogBucketProps {
  /** CloudFront standard logging writes with an ACL grant, so its bucket must accept ACLs. */
  readonly forCloudFront: boolean;
  readonly retentionDays?: number;
}

export class AccessLogBucket extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: props.forCloudFront ? s3.ObjectOwnership.BUCKET_OWNER_PREFERRED : s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ id: 'expire-logs', expiration: Duration.days(props.retentionDays ?? 365), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    Validations.of(this.bucket).acknowledge(
      {
        id: 'AwsSolutions-S1',
        reason: 'This is the access-log bucket itself; logging it into itself would log its own log deliveries forever.',
      },
    );
    skipCheckov(
      this.bucket,
      { id: 'CKV_AWS_18', reason: 'This is the access-log bucket itself; logging it into itself would log its own log deliveries forever.' },
      { id: 'CKV_AWS_21', reason: 'Logs are written once and expire by lifecycle; versioning would keep every expired log as a noncurrent version and protect nothing.' },
    );
  }
}
