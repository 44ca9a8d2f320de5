import { Match } from 'aws-cdk-lib/assertions';
import fc from 'fast-check';
import { lifecycleFate, type LifecycleConfiguration } from '../testing/lifecycleFate.fixture';
import { onlyResource, resourcesOf, synthesize, type Synthesized } from '../testing/synthesize.fixture';

const IMAGE_BUCKET = { BucketName: { 'Fn::Join': ['', ['edgecv-images-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] } };

describe('Edgecv-Images: the image bucket', () => {
  let s: Synthesized;
  let lifecycle: LifecycleConfiguration;
  beforeAll(() => {
    s = synthesize();
    const [, bucket] = onlyResource(s.template('images'), 'AWS::S3::Bucket', IMAGE_BUCKET);
    lifecycle = bucket.Properties.LifecycleConfiguration as LifecycleConfiguration;
  });

  it('property 5: encrypts every object at rest with AES-256 and versions them', () => {
    s.template('images').hasResourceProperties('AWS::S3::Bucket', {
      ...IMAGE_BUCKET,
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('property 6: blocks every form of public access', () => {
    s.template('images').hasResourceProperties('AWS::S3::Bucket', {
      ...IMAGE_BUCKET,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('property 12: its policy allows reads to this CloudFront distribution only, and denies plain HTTP', () => {
    const [bucketId] = onlyResource(s.template('images'), 'AWS::S3::Bucket', IMAGE_BUCKET);
    const [distributionId] = onlyResource(s.template('images'), 'AWS::CloudFront::Distribution');
    const [, policy] = onlyResource(s.template('images'), 'AWS::S3::BucketPolicy', { Bucket: { Ref: bucketId } });
    const statements = (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement;
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/*']] },
        Condition: {
          StringEquals: {
            'AWS:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':cloudfront::', { Ref: 'AWS::AccountId' }, ':distribution/', { Ref: distributionId }]] },
          },
        },
      },
    ]);
    expect(statements).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  it('answers CORS for GET and HEAD from the configured origins', () => {
    s.template('images').hasResourceProperties('AWS::S3::Bucket', {
      ...IMAGE_BUCKET,
      CorsConfiguration: { CorsRules: [Match.objectLike({ AllowedMethods: ['GET', 'HEAD'], AllowedOrigins: ['*'] })] },
    });
  });

  it('property 13: every image moves to Standard-IA on day 90', () => {
    expect(lifecycleFate(lifecycle, { key: 'generated_images/1.webp', sizeBytes: 500_000, tags: {} }).transitions.STANDARD_IA).toBe(90);
  });

  it('property 14: every image moves to Glacier after 180 days in Standard-IA (day 270)', () => {
    expect(lifecycleFate(lifecycle, { key: 'generated_images/1.webp', sizeBytes: 500_000, tags: {} }).transitions.GLACIER).toBe(270);
  });

  it('property 15: an image carrying the upload tag retention=standard is deleted after 365 days in Glacier (day 635)', () => {
    expect(lifecycleFate(lifecycle, { key: 'generated_images/1.webp', sizeBytes: 500_000, tags: { retention: 'standard' } }).expiresOnDay).toBe(635);
  });

  it('property 15: an image tagged permanent=true is never deleted, though it still moves to cheaper classes', () => {
    const fate = lifecycleFate(lifecycle, { key: 'generated_images/1.webp', sizeBytes: 500_000, tags: { permanent: 'true' } });
    expect(fate.expiresOnDay).toBeUndefined();
    expect(fate.transitions).toEqual({ STANDARD_IA: 90, GLACIER: 270 });
  });

  it('transitions images under 128 KB too: the size filter is explicit, not the S3 default that would skip them', () => {
    const rule = lifecycle.Rules.find((r) => (r as { Id?: string }).Id === 'images-transition') as unknown as Record<string, unknown>;
    expect(rule.ObjectSizeGreaterThan).toBe(0);
    expect(lifecycle.TransitionDefaultMinimumObjectSize).toBe('all_storage_classes_128K');
    expect(lifecycleFate(lifecycle, { key: 'generated_images/small.webp', sizeBytes: 40_000, tags: {} }).transitions).toEqual({ STANDARD_IA: 90, GLACIER: 270 });
  });

  it('properties 13-15 for any image: transitions on days 90 and 270, deletion on day 635 exactly when tagged retention=standard', () => {
    const tagsArb = fc.dictionary(fc.constantFrom('retention', 'permanent', 'teacher', 'x'), fc.constantFrom('standard', 'true', 'false', ''), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000_000 }), fc.stringMatching(/^[0-9]{1,16}$/), tagsArb, (size, id, tags) => {
        const fate = lifecycleFate(lifecycle, { key: `generated_images/${id}.webp`, sizeBytes: size, tags });
        expect(fate.transitions).toEqual({ STANDARD_IA: 90, GLACIER: 270 });
        expect(fate.expiresOnDay).toBe(tags.retention === 'standard' ? 635 : undefined);
      }),
      { numRuns: 200 },
    );
  });

  it('expires noncurrent versions and aborts incomplete multipart uploads', () => {
    expect(lifecycle.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' }),
      ]),
    );
  });
});

describe('Edgecv-Images: lifecycle days are configuration (spec 003 variables)', () => {
  it('counts Glacier and expiry days from the end of the previous stage, as the Terraform variables do', () => {
    const s = synthesize({ imageLifecycle: { infrequentAccessDays: 30, glacierDays: 60, expirationDays: 90 } });
    const [, bucket] = onlyResource(s.template('images'), 'AWS::S3::Bucket', IMAGE_BUCKET);
    const lifecycle = bucket.Properties.LifecycleConfiguration as LifecycleConfiguration;
    expect(lifecycleFate(lifecycle, { key: 'generated_images/1.webp', sizeBytes: 1, tags: { retention: 'standard' } })).toEqual({
      transitions: { STANDARD_IA: 30, GLACIER: 90 },
      expiresOnDay: 180,
    });
  });
});

describe('Edgecv-Images: CloudFront', () => {
  let s: Synthesized;
  let distribution: Record<string, unknown>;
  beforeAll(() => {
    s = synthesize();
    distribution = onlyResource(s.template('images'), 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as Record<string, unknown>;
  });

  it('redirects HTTP to HTTPS and allows GET, HEAD and OPTIONS, caching GET and HEAD', () => {
    expect(distribution.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      CachedMethods: ['GET', 'HEAD'],
    });
  });

  it('property 11: caches images 24 hours by default and at most a year', () => {
    const [policyId] = onlyResource(s.template('images'), 'AWS::CloudFront::CachePolicy');
    s.template('images').hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({ DefaultTTL: 86_400, MaxTTL: 31_536_000 }),
    });
    expect(distribution.DefaultCacheBehavior).toMatchObject({ CachePolicyId: { Ref: policyId } });
  });

  it('keys the cache on Origin so one site never receives another site\'s CORS answer', () => {
    s.template('images').hasResourceProperties('AWS::CloudFront::CachePolicy', {
      CachePolicyConfig: Match.objectLike({
        ParametersInCacheKeyAndForwardedToOrigin: Match.objectLike({
          HeadersConfig: { HeaderBehavior: 'whitelist', Headers: Match.arrayWith(['Origin']) },
        }),
      }),
    });
  });

  it('property 12: reaches the bucket through Origin Access Control (SigV4, always signed), not an OAI', () => {
    const [oacId] = onlyResource(s.template('images'), 'AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
    const origins = distribution.Origins as Record<string, unknown>[];
    expect(origins).toHaveLength(1);
    expect(origins[0]).toMatchObject({ OriginAccessControlId: { 'Fn::GetAtt': [oacId, 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } });
    expect(resourcesOf(s.template('images'), 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toEqual({});
  });

  it('uses PriceClass_100 by default', () => {
    expect(distribution.PriceClass).toBe('PriceClass_100');
  });

  it('publishes the additional metrics the cache-hit-ratio alarm needs', () => {
    const [distributionId] = onlyResource(s.template('images'), 'AWS::CloudFront::Distribution');
    s.template('images').hasResourceProperties('AWS::CloudFront::MonitoringSubscription', {
      DistributionId: { Ref: distributionId },
      MonitoringSubscription: { RealtimeMetricsSubscriptionConfig: { RealtimeMetricsSubscriptionStatus: 'Enabled' } },
    });
  });

  it('writes standard logs to the stack log bucket', () => {
    expect(distribution.Logging).toMatchObject({ Prefix: 'cloudfront/' });
  });

  it('takes the price class from configuration', () => {
    const other = synthesize({ priceClass: 'PriceClass_All' });
    other.template('images').hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ PriceClass: 'PriceClass_All' }) });
  });
});

describe('Edgecv-Images: WAF in front of CloudFront, opt-in (edgecv:cloudFrontWebAcl)', () => {
  const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/edgecv/0a1b2c3d-aaaa-bbbb-cccc-0123456789ab';
  const distributionConfig = (s: Synthesized) => onlyResource(s.template('images'), 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as { WebACLId?: unknown };

  it('has none by default, and no WAF stack', () => {
    const s = synthesize();
    expect(distributionConfig(s).WebACLId).toBeUndefined();
    expect(s.stacks.waf).toBeUndefined();
  });

  it('with managed: a CLOUDFRONT web ACL in us-east-1 (AWS managed rules, a per-IP rate limit) on the distribution', () => {
    const s = synthesize({ region: 'eu-west-1', cloudFrontWebAcl: { kind: 'managed' } });
    expect(s.stacks.waf?.region).toBe('us-east-1');
    const [, acl] = onlyResource(s.template('waf'), 'AWS::WAFv2::WebACL');
    expect(acl.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
    const rules = acl.Properties.Rules as { Name: string; Statement: { RateBasedStatement?: { Limit: number; AggregateKeyType: string } } }[];
    expect(rules.map((r) => r.Name)).toEqual(['AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'RateLimitPerIp']);
    expect(rules[3]?.Statement.RateBasedStatement).toEqual({ Limit: 10_000, AggregateKeyType: 'IP' });
    // Across regions, the images stack reads the ARN the WAF stack writes (CDK's cross-region reference).
    expect(JSON.stringify(distributionConfig(s).WebACLId)).toMatch(/WebAcl/);
  });

  it('with an existing web ACL ARN: that ACL on the distribution', () => {
    expect(distributionConfig(synthesize({ cloudFrontWebAcl: { kind: 'existing', arn: WEB_ACL_ARN } })).WebACLId).toBe(WEB_ACL_ARN);
  });
});
