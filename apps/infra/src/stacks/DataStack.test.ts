import { Match } from 'aws-cdk-lib/assertions';
import { TABLE_DEFINITIONS, TABLE_TIME_TO_LIVE, tableNames, type TableKey } from '@edgecv/infrastructure/dynamodb';
import { onlyResource, resourcesOf, synthesize, type Synthesized } from '../testing/synthesize.fixture';

const ARTIFACT_BUCKET = { BucketName: { 'Fn::Join': ['', ['edgecv-artifacts-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]] } };

describe('Edgecv-Data: the artifact bucket', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize();
  });

  it('is named {prefix}-{account}-{region}', () => {
    s.template('data').hasResourceProperties('AWS::S3::Bucket', ARTIFACT_BUCKET);
  });

  it('encrypts every object with AES-256 and versions them', () => {
    s.template('data').hasResourceProperties('AWS::S3::Bucket', {
      ...ARTIFACT_BUCKET,
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
    });
  });

  it('blocks all public access and disables ACLs', () => {
    s.template('data').hasResourceProperties('AWS::S3::Bucket', {
      ...ARTIFACT_BUCKET,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
  });

  it('denies every request that does not use TLS 1.2 or later', () => {
    const [bucketId] = onlyResource(s.template('data'), 'AWS::S3::Bucket', ARTIFACT_BUCKET);
    s.template('data').hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: bucketId },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  it('aborts incomplete multipart uploads after 7 days and expires noncurrent versions', () => {
    s.template('data').hasResourceProperties('AWS::S3::Bucket', {
      ...ARTIFACT_BUCKET,
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
            Status: 'Enabled',
          }),
        ],
      },
    });
  });

  it('has no lifecycle on jobs/ unless one is configured: job artifacts are kept', () => {
    const [, bucket] = onlyResource(s.template('data'), 'AWS::S3::Bucket', ARTIFACT_BUCKET);
    const rules = (bucket.Properties.LifecycleConfiguration as { Rules: { Prefix?: string }[] }).Rules;
    expect(rules.filter((r) => r.Prefix !== undefined)).toEqual([]);
  });

  it('logs server access to the stack access-log bucket', () => {
    const [logId] = onlyResource(s.template('data'), 'AWS::S3::Bucket', { LoggingConfiguration: Match.absent() });
    s.template('data').hasResourceProperties('AWS::S3::Bucket', {
      ...ARTIFACT_BUCKET,
      LoggingConfiguration: { DestinationBucketName: { Ref: logId }, LogFilePrefix: 'artifacts/' },
    });
  });
});

describe('Edgecv-Data: the optional jobs/ lifecycle', () => {
  it('moves job artifacts under {P}/jobs/ to Standard-IA and expires them on the configured days', () => {
    const s = synthesize({ layoutPrefix: 'edge-cv', jobsLifecycle: { infrequentAccessDays: 60, expirationDays: 400 } });
    s.template('data').hasResourceProperties('AWS::S3::Bucket', {
      ...ARTIFACT_BUCKET,
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'jobs-lifecycle',
            Prefix: 'edge-cv/jobs/',
            Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 60 }],
            ExpirationInDays: 400,
          }),
        ]),
      },
    });
  });
});

describe('Edgecv-Data: the DynamoDB tables', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({ tablePrefix: 'prod-edgecv-' });
  });

  const keys = Object.keys(TABLE_DEFINITIONS) as TableKey[];

  it('declares exactly the tables of TABLE_DEFINITIONS', () => {
    const declared = Object.values(resourcesOf(s.template('data'), 'AWS::DynamoDB::Table')).map((t) => t.Properties.TableName);
    expect(declared.sort()).toEqual(keys.map((k) => tableNames('prod-edgecv-')[k]).sort());
  });

  it.each(keys)('declares %s with the key schema, attributes and indexes the repositories use', (key) => {
    const definition = TABLE_DEFINITIONS[key];
    const [, table] = onlyResource(s.template('data'), 'AWS::DynamoDB::Table', { TableName: tableNames('prod-edgecv-')[key] });
    const p = table.Properties;
    expect(p.KeySchema).toEqual(definition.KeySchema);
    expect(new Set(p.AttributeDefinitions as unknown[])).toEqual(new Set(definition.AttributeDefinitions));
    expect(p.AttributeDefinitions).toHaveLength(definition.AttributeDefinitions?.length ?? 0);
    expect(p.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it.each(keys)('keeps %s recoverable: point-in-time recovery, deletion protection, retained on stack deletion', (key) => {
    const [id, table] = onlyResource(s.template('data'), 'AWS::DynamoDB::Table', { TableName: tableNames('prod-edgecv-')[key] });
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.DeletionProtectionEnabled).toBe(true);
    expect(s.template('data').toJSON().Resources[id].DeletionPolicy).toBe('Retain');
  });

  it('expires idempotency records by their `expiration` (DynamoDB time to live), and nothing in the other tables', () => {
    const ttl = (key: TableKey) => onlyResource(s.template('data'), 'AWS::DynamoDB::Table', { TableName: tableNames('prod-edgecv-')[key] })[1].Properties.TimeToLiveSpecification;
    expect(ttl('idempotency')).toEqual({ AttributeName: 'expiration', Enabled: true });
    for (const key of keys.filter((k) => TABLE_TIME_TO_LIVE[k] === undefined)) expect(ttl(key)).toBeUndefined();
  });
});

describe('Edgecv-Data: the secret of the image handlers\' MongoDB connection string', () => {
  it('is created as {tablePrefix}mongodb-uri and kept when the stack goes', () => {
    const s = synthesize({ tablePrefix: 'prod-edgecv-' });
    const [id, secret] = onlyResource(s.template('data'), 'AWS::SecretsManager::Secret');
    expect(secret.Properties.Name).toBe('prod-edgecv-mongodb-uri');
    expect(s.template('data').toJSON().Resources[id].DeletionPolicy).toBe('Retain');
  });

  it('is not created when edgecv:mongoSecret names an existing one (Atlas, DocumentDB)', () => {
    const s = synthesize({ mongoSecret: 'team/atlas-uri' });
    expect(resourcesOf(s.template('data'), 'AWS::SecretsManager::Secret')).toEqual({});
  });
});
