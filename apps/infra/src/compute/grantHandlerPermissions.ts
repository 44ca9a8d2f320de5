// HANDLER_PERMISSIONS turned into IAM statements: explicit actions (never s3:* or a service
// wildcard), resources narrowed to tables, indexes, key prefixes and job ARNs (never "*").
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { TABLE_DEFINITIONS, type TableKey } from '@edgecv/infrastructure/dynamodb';
import type { JustifiedWildcard } from './acknowledgeScopedWildcards';
import type { ArtifactPrefix, HandlerPermissions } from './handlerPermissions';

export interface GrantTargets {
  readonly artifactBucket: s3.IBucket;
  /** `{P}/` or '': the layout prefix every artifact key starts with. */
  readonly layoutPrefix: string;
  readonly tables: Readonly<Record<TableKey, dynamodb.ITable>>;
  readonly sagemakerRole: iam.IRole;
  readonly imageBucket: s3.IBucket;
  /** `generated_images/` */
  readonly imagesPrefix: string;
  /** The Bedrock model the generating handlers may invoke (amazon.nova-canvas-v1:0). */
  readonly imageModelId: string;
}

const DDB_READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
export const IDEMPOTENCY_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
const DDB_WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem'];

/** Adds the statements; returns the wildcard resources it wrote, each with why it is as narrow as IAM allows. */
export function grantHandlerPermissions(role: iam.IRole, permissions: HandlerPermissions, targets: GrantTargets): JustifiedWildcard[] {
  const justified: JustifiedWildcard[] = [];
  const add = (statement: iam.PolicyStatement) => role.addToPrincipalPolicy(statement);
  const indexArns = (k: TableKey) => (TABLE_DEFINITIONS[k].GlobalSecondaryIndexes ?? []).map((i) => `${targets.tables[k].tableArn}/index/${i.IndexName}`);
  if (permissions.tablesRead?.length) add(new iam.PolicyStatement({ actions: DDB_READ, resources: permissions.tablesRead.flatMap((k) => [targets.tables[k].tableArn, ...indexArns(k)]) }));
  if (permissions.tablesWrite?.length) add(new iam.PolicyStatement({ actions: DDB_WRITE, resources: permissions.tablesWrite.map((k) => targets.tables[k].tableArn) }));
  // Exactly what Powertools' DynamoDB persistence layer calls: a consistent read, conditional put, update and delete.
  if (permissions.idempotency === true) add(new iam.PolicyStatement({ actions: IDEMPOTENCY_ACTIONS, resources: [targets.tables.idempotency.tableArn] }));

  const objects = (prefixes: readonly ArtifactPrefix[]) =>
    prefixes.map((p) => {
      const resource = targets.artifactBucket.arnForObjects(`${targets.layoutPrefix}${p}/*`);
      justified.push({ resource, reason: `Object actions need a key pattern; this is every key under ${targets.layoutPrefix}${p}/ of the artifact bucket and nothing else.` });
      return resource;
    });
  if (permissions.s3Read?.length) add(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectTagging'], resources: objects(permissions.s3Read) }));
  if (permissions.s3Write?.length) add(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'], resources: objects(permissions.s3Write) }));
  if (permissions.s3List?.length) {
    add(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [targets.artifactBucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': permissions.s3List.map((p) => `${targets.layoutPrefix}${p}/*`) } },
      }),
    );
  }

  const stack = Stack.of(role);
  const sagemakerJobs = (resource: 'training-job' | 'compilation-job') => {
    const arn = Arn.format({ service: 'sagemaker', resource, resourceName: '*' }, stack);
    justified.push({ resource: arn, reason: `Job names are chosen per request; the ARN covers SageMaker ${resource}s of this account and region only.` });
    return arn;
  };
  const sm = permissions.sagemaker ?? [];
  const training = sm.filter((a) => a.includes('Training'));
  const compilation = sm.filter((a) => a.includes('Compilation'));
  if (training.length) add(new iam.PolicyStatement({ actions: training.map((a) => `sagemaker:${a}`), resources: [sagemakerJobs('training-job')] }));
  if (compilation.length) add(new iam.PolicyStatement({ actions: compilation.map((a) => `sagemaker:${a}`), resources: [sagemakerJobs('compilation-job')] }));
  if (sm.some((a) => a.startsWith('Create'))) {
    add(
      new iam.PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [targets.sagemakerRole.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
      }),
    );
  }
  if (permissions.greengrass?.length) {
    const components = Arn.format({ service: 'greengrass', resource: 'components', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack);
    justified.push({ resource: components, reason: 'Component names come from deployment names chosen per request; the ARN covers Greengrass components (and their versions) of this account and region only.' });
    add(new iam.PolicyStatement({ actions: permissions.greengrass.map((a) => `greengrass:${a}`), resources: [components] }));
  }
  if (permissions.images?.length) {
    const resource = targets.imageBucket.arnForObjects(`${targets.imagesPrefix}*`);
    justified.push({ resource, reason: `Assignment images are ${targets.imagesPrefix}{assignment_id}.webp; the pattern covers that folder of the image bucket only.` });
    const actions = [
      ...(permissions.images.includes('read') ? ['s3:GetObject'] : []),
      ...(permissions.images.includes('readVersions') ? ['s3:GetObjectVersion'] : []),
      ...(permissions.images.includes('write') ? ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'] : []),
      ...(permissions.images.includes('delete') ? ['s3:DeleteObject'] : []),
    ];
    if (actions.length > 0) add(new iam.PolicyStatement({ actions, resources: [resource] }));
    if (permissions.images.includes('list')) {
      add(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [targets.imageBucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${targets.imagesPrefix}*`] } } }));
    }
  }
  if (permissions.bedrock?.length) {
    // Foundation models have no account in their ARN; the one model id, never foundation-model/*.
    const model = Arn.format({ service: 'bedrock', account: '', resource: 'foundation-model', resourceName: targets.imageModelId }, stack);
    add(new iam.PolicyStatement({ actions: permissions.bedrock.map((a) => `bedrock:${a}`), resources: [model] }));
  }
  return justified;
}
