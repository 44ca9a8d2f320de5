// Spec 003's storage: the private image bucket and the CloudFront distribution in front of it.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ImageDistribution } from '../cdn/ImageDistribution';
import type { InfraConfig } from '../config/InfraConfig';
import { AccessLogBucket } from '../storage/AccessLogBucket';
import { ImageBucket } from '../storage/ImageBucket';

export interface ImagesStackProps extends StackProps {
  readonly config: InfraConfig;
  /** The distribution's WAF web ACL, if the configuration asks for one. */
  readonly webAclArn?: string;
}

export class ImagesStack extends Stack {
  readonly imageBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ImagesStackProps) {
    super(scope, id, props);
    const logs = new AccessLogBucket(this, 'AccessLogs', { forCloudFront: true });
    this.imageBucket = new ImageBucket(this, 'Images', { config: props.config, accessLogs: logs.bucket }).bucket;
    this.distribution = new ImageDistribution(this, 'Cdn', {
      config: props.config,
      bucket: this.imageBucket,
      logBucket: logs.bucket,
      ...(props.webAclArn === undefined ? {} : { webAclArn: props.webAclArn }),
    }).distribution;
    // The values spec 003 hands to the application (S3_BUCKET_NAME, CLOUDFRONT_DOMAIN).
    new CfnOutput(this, 'ImageBucketName', { value: this.imageBucket.bucketName });
    new CfnOutput(this, 'CloudFrontDomain', { value: this.distribution.distributionDomainName });
  }
}
