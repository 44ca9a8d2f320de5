// The Edge CV bucket: datasets/, models/, deployments/ and the job platform's jobs/ (docs/layout.md).
import { Aws, Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3PathConfig } from '@edgecv/domain';
import { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { bucketName, secureBucketProps } from './secureBucketProps';

export interface ArtifactBucketProps {
  readonly config: InfraConfig;
  readonly accessLogs: s3.IBucket;
}

export class ArtifactBucket extends Construct {
  readonly bucket: s3.Bucket;
  /** `{P}/jobs/`, where the optional jobs lifecycle applies. */
  readonly jobsPrefix: string;

  constructor(scope: Construct, id: string, props: ArtifactBucketProps) {
    super(scope, id);
    const { config } = props;
    const layout = S3PathConfig.create({ prefix: config.layoutPrefix });
    this.jobsPrefix = layout.withPrefix(`${layout.jobsFolder}/`);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps(props.accessLogs, 'artifacts/'),
      bucketName: bucketName(config.artifactBucketPrefix, Aws.ACCOUNT_ID, Aws.REGION),
      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart-uploads',
          abortIncompleteMultipartUploadAfter: Duration.days(config.abortIncompleteMultipartUploadDays),
          // Versioning keeps what the migration's clean-up deletes for a while, then lets it go.
          noncurrentVersionExpiration: Duration.days(config.noncurrentVersionExpirationDays),
          expiredObjectDeleteMarker: true,
        },
        ...jobsRules(config, this.jobsPrefix),
      ],
    });
  }
}

function jobsRules(config: InfraConfig, prefix: string): s3.LifecycleRule[] {
  if (config.jobsLifecycle === undefined) return [];
  const { infrequentAccessDays, expirationDays } = config.jobsLifecycle;
  return [
    {
      id: 'jobs-lifecycle',
      prefix,
      ...(infrequentAccessDays === undefined
        ? {}
        : { transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(infrequentAccessDays) }] }),
      ...(expirationDays === undefined ? {} : { expiration: Duration.days(expirationDays) }),
    },
  ];
}
