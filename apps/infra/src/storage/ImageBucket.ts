// The spec 003 image bucket: generated_images/{assignment_id}.webp, read through CloudFront only.
//
// Lifecycle. S3 filters can AND a prefix, tags and sizes, but cannot say "not tagged
// permanent=true". So transitions (which lose nothing) apply to every image, and expiry applies
// only to images carrying the expiring tag (default `retention=standard`) that the upload path
// sets. An image is made permanent by replacing its tag set with `permanent=true`
// (PutObjectTagging replaces the whole set, so the expiring tag goes with it). An untagged image
// never expires: the failure mode is keeping an image too long, never deleting a permanent one.
import { Aws, Duration, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3PathConfig } from '@edgecv/domain';
import { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { bucketName, secureBucketProps } from './secureBucketProps';

export const IMAGE_REQUEST_METRICS_ID = 'EntireBucket';

export interface ImageBucketProps {
  readonly config: InfraConfig;
  readonly accessLogs: s3.IBucket;
}

/** Days from upload, as S3 counts them: every transition is measured from object creation. */
export function imageLifecycleDays(config: InfraConfig): { readonly infrequentAccess: number; readonly glacier: number; readonly expiration: number } {
  const l = config.imageLifecycle;
  return {
    infrequentAccess: l.infrequentAccessDays,
    glacier: l.infrequentAccessDays + l.glacierDays,
    expiration: l.infrequentAccessDays + l.glacierDays + l.expirationDays,
  };
}

export class ImageBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly imagesPrefix: string;

  constructor(scope: Construct, id: string, props: ImageBucketProps) {
    super(scope, id);
    const { config } = props;
    this.imagesPrefix = `${S3PathConfig.create().imagesFolder}/`;
    const days = imageLifecycleDays(config);
    const { expiringTag, transitionMinObjectSizeBytes } = config.imageLifecycle;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...secureBucketProps(props.accessLogs, 'images/'),
      bucketName: bucketName(config.imageBucketPrefix, Aws.ACCOUNT_ID, Aws.REGION),
      // Request metrics (GET/PUT counts, 4xx/5xx, latency) for the dashboard spec 003 asks for.
      metrics: [{ id: IMAGE_REQUEST_METRICS_ID }],
      cors: [
        {
          allowedMethods: [s3.HttpMethods.GET, s3.HttpMethods.HEAD],
          allowedOrigins: [...config.corsAllowedOrigins],
          allowedHeaders: ['*'],
          exposedHeaders: ['ETag', 'Content-Length', 'Content-Type'],
          maxAge: 3600,
        },
      ],
      // S3's default: nothing under 128 KB transitions. Stated here so the per-rule size filter
      // below reads as the deliberate exception it is (a filter always takes precedence).
      transitionDefaultMinimumObjectSize: s3.TransitionDefaultMinimumObjectSize.ALL_STORAGE_CLASSES_128_K,
      lifecycleRules: [
        {
          id: 'images-transition',
          prefix: this.imagesPrefix,
          // A 1024px WebP at q85 is typically 50-150 KB; without this filter most images would
          // stay in Standard forever. Standard-IA bills small objects as 128 KB, which is accepted:
          // the spec's point is that old images leave Standard.
          objectSizeGreaterThan: transitionMinObjectSizeBytes,
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(days.infrequentAccess) },
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(days.glacier) },
          ],
        },
        {
          id: 'images-expire-unless-permanent',
          prefix: this.imagesPrefix,
          tagFilters: { [expiringTag.key]: expiringTag.value },
          expiration: Duration.days(days.expiration),
        },
        {
          id: 'noncurrent-versions-and-uploads',
          noncurrentVersionExpiration: Duration.days(config.noncurrentVersionExpirationDays),
          abortIncompleteMultipartUploadAfter: Duration.days(config.abortIncompleteMultipartUploadDays),
          expiredObjectDeleteMarker: true,
        },
      ],
    });
    Validations.of(this.bucket).acknowledge({
      id: 'CloudFormation-Validate::W9003',
      reason: 'ObjectSizeGreaterThan is a Long that CDK types as a number; CloudFormation reads the number as intended.',
    });
  }
}
