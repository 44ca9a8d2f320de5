// CloudFront in front of the image bucket (spec 003 §2, properties 11 and 12): the bucket admits
// only this distribution (Origin Access Control, SigV4-signed origin requests), viewers are sent
// to HTTPS, and the additional metrics are on so the cache hit ratio can be alarmed on.
import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { InfraConfig, PriceClassName } from '../config/InfraConfig';
import { skipCheckov } from '../scanning/skipCheckov';

export const IMAGE_CACHE_TTL = Object.freeze({ defaultSeconds: 86_400, maxSeconds: 31_536_000, minSeconds: 0 });

export interface ImageDistributionProps {
  readonly config: InfraConfig;
  readonly bucket: s3.IBucket;
  readonly logBucket: s3.IBucket;
  /** The WAF web ACL in front of it (edgecv:cloudFrontWebAcl), if any. */
  readonly webAclArn?: string;
}

const PRICE_CLASS: Record<PriceClassName, cloudfront.PriceClass> = {
  PriceClass_100: cloudfront.PriceClass.PRICE_CLASS_100,
  PriceClass_200: cloudfront.PriceClass.PRICE_CLASS_200,
  PriceClass_All: cloudfront.PriceClass.PRICE_CLASS_ALL,
};

export class ImageDistribution extends Construct {
  readonly distribution: cloudfront.Distribution;

  constructor(scope: Construct, id: string, props: ImageDistributionProps) {
    super(scope, id);
    const cachePolicy = new cloudfront.CachePolicy(this, 'CachePolicy', {
      comment: 'edgecv images: 24 h by default, up to a year when the object says so',
      defaultTtl: Duration.seconds(IMAGE_CACHE_TTL.defaultSeconds),
      maxTtl: Duration.seconds(IMAGE_CACHE_TTL.maxSeconds),
      minTtl: Duration.seconds(IMAGE_CACHE_TTL.minSeconds),
      // S3 answers CORS per Origin, so the Origin (and preflight headers) must be part of the
      // cache key; otherwise one origin's answer is served to another.
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers'),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'edgecv generated images',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(props.bucket, {
          originAccessLevels: [cloudfront.AccessLevel.READ],
        }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD_OPTIONS,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        cachePolicy,
        compress: true,
      },
      priceClass: PRICE_CLASS[props.config.priceClass],
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logBucket,
      logFilePrefix: 'cloudfront/',
      publishAdditionalMetrics: true,
      ...(props.webAclArn === undefined ? {} : { webAclId: props.webAclArn }),
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Assignment images are served to students wherever they are; spec 003 asks for no geo restriction.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason: 'No custom domain: the *.cloudfront.net default certificate is used, whose security policy CloudFront fixes; viewers negotiate TLS 1.2+ in practice and HTTP is redirected to HTTPS.',
      },
    );
    skipCheckov(this.distribution, {
      id: 'CKV_AWS_174',
      reason: 'No custom domain: with the *.cloudfront.net default certificate CloudFront fixes the minimum protocol version (TLSv1); HTTP is redirected to HTTPS.',
    });
    if (props.webAclArn === undefined) {
      const reason =
        'WAF is opt-in (edgecv:cloudFrontWebAcl=managed or an ACL ARN): the distribution serves public, read-only, cached images (GET/HEAD/OPTIONS), and a web ACL costs per rule and request.';
      Validations.of(this.distribution).acknowledge({ id: 'AwsSolutions-CFR2', reason });
      skipCheckov(this.distribution, { id: 'CKV_AWS_68', reason });
    }
  }
}
