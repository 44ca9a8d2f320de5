// The Lambdas of apps/lambdas behind an HTTP API (routes are the ROUTES table of apps/lambdas,
// IAM-authorised), the migrate-batch Lambda and the S3 Batch Operations role.
import { existsSync } from 'node:fs';
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { ROUTES } from '@edgecv/lambdas/http/routes';
import { DEFAULT_IMAGE_MODEL_ID, S3PathConfig } from '@edgecv/domain';
import { tableNames, type TableKey } from '@edgecv/infrastructure/dynamodb';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { InvalidInfraConfigError } from '../config/InvalidInfraConfigError';
import { acknowledgeScopedWildcards } from '../compute/acknowledgeScopedWildcards';
import { BatchOperationsRole, MIGRATION_MANIFESTS_PREFIX, MIGRATION_REPORTS_PREFIX } from '../compute/BatchOperationsRole';
import { EdgecvFunction } from '../compute/EdgecvFunction';
import { LambdaDeadLetterQueue } from '../compute/LambdaDeadLetterQueue';
import { grantHandlerPermissions } from '../compute/grantHandlerPermissions';
import { HANDLER_PERMISSIONS } from '../compute/handlerPermissions';
import { MigrationStateMachine } from '../compute/MigrationStateMachine';
import { handlerEntry } from '../compute/paths';
import { SageMakerExecutionRole } from '../compute/SageMakerExecutionRole';
import { mongoSecretId, referenceMongoSecret } from '../data/MongoSecret';
import { LOG_GROUP_WITHOUT_CMK } from '../scanning/acceptedFindings';
import { skipCheckov } from '../scanning/skipCheckov';
import { bucketName } from '../storage/secureBucketProps';

export const MIGRATE_BATCH_ENTRY = 'migrateBatch';

export interface ApiStackProps extends StackProps {
  readonly config: InfraConfig;
  /** The image distribution's domain, for the URLs the image handlers answer with. */
  readonly cloudfrontDomain: string;
}

export class ApiStack extends Stack {
  /** Every function by entry name (the HTTP handlers, and migrateBatch when it exists). */
  readonly functions: Readonly<Record<string, EdgecvFunction>>;
  readonly api: apigw.HttpApi;
  readonly batchOperationsRole: iam.Role;
  /** Where every function's failed asynchronous invocations land. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Only with `edgecv:distributedMap`: the plan on Step Functions Distributed Map. */
  readonly migrationStateMachine: MigrationStateMachine | undefined;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { config } = props;
    // By name, not by cross-stack reference: the policies read as the ARNs they grant, and the
    // stack order is an explicit dependency (EdgecvApp) instead of exports.
    const artifactBucket = s3.Bucket.fromBucketName(this, 'ArtifactBucket', bucketName(config.artifactBucketPrefix, this.account, this.region));
    const names = tableNames(config.tablePrefix);
    const tables = Object.fromEntries(
      (Object.keys(names) as TableKey[]).map((k) => [k, dynamodb.Table.fromTableName(this, `${pascal(k)}Table`, names[k])]),
    ) as Record<TableKey, dynamodb.ITable>;
    const layoutPrefix = config.layoutPrefix === '' ? '' : `${config.layoutPrefix}/`;
    const sagemakerRole = new SageMakerExecutionRole(this, 'SageMaker', { artifactBucket, layoutPrefix }).role;
    const environment = {
      EDGECV_ARTIFACT_BUCKET: artifactBucket.bucketName,
      EDGECV_PATH_PREFIX: config.layoutPrefix,
      EDGECV_TABLE_PREFIX: config.tablePrefix,
      EDGECV_SAGEMAKER_ROLE_ARN: sagemakerRole.roleArn,
      EDGECV_IMAGES_BUCKET: bucketName(config.imageBucketPrefix, this.account, this.region),
      EDGECV_CLOUDFRONT_DOMAIN: props.cloudfrontDomain,
      // Generation must leave time to optimise and store within the function's 30 s.
      EDGECV_GENERATION_BUDGET_MS: '20000',
    };
    const imageBucket = s3.Bucket.fromBucketName(this, 'ImageBucket', environment.EDGECV_IMAGES_BUCKET);
    const targets = { artifactBucket, layoutPrefix, tables, sagemakerRole, imageBucket, imagesPrefix: `${S3PathConfig.create().imagesFolder}/`, imageModelId: DEFAULT_IMAGE_MODEL_ID };
    const mongoSecret = { id: mongoSecretId(config), secret: referenceMongoSecret(this, config) };

    const functions: Record<string, EdgecvFunction> = {};
    for (const entry of new Set(ROUTES.map((r) => r.entry))) {
      const permissions = HANDLER_PERMISSIONS[entry];
      if (permissions === undefined) throw new InvalidInfraConfigError('HANDLER_PERMISSIONS', entry, 'a handler needs its permissions declared in compute/handlerPermissions.ts');
      const fn = new EdgecvFunction(this, pascal(entry), { entry, environment, reservedConcurrency: config.apiReservedConcurrency, mongoSecret });
      // Idempotent routes (apps/lambdas IDEMPOTENCY_POLICIES) keep their records in the idempotency table.
      const idempotency = ROUTES.some((r) => r.entry === entry && r.idempotency !== undefined);
      acknowledgeScopedWildcards(fn.role, grantHandlerPermissions(fn.role, { ...permissions, idempotency }, targets));
      functions[entry] = fn;
    }

    // The S3 Batch Operations task handler (DESIGN §6); added once apps/lambdas has it.
    let migrateBatch: EdgecvFunction | undefined;
    if (existsSync(handlerEntry(MIGRATE_BATCH_ENTRY))) {
      migrateBatch = new EdgecvFunction(this, 'MigrateBatch', {
        entry: MIGRATE_BATCH_ENTRY,
        environment,
        mongoSecret,
        reservedConcurrency: config.migrateBatchReservedConcurrency,
        timeout: Duration.minutes(15),
        memorySize: 1024,
      });
      // Legacy keys can be anywhere in the bucket, so the copy needs every key; still no s3:*.
      acknowledgeScopedWildcards(migrateBatch.role, [
        { resource: artifactBucket.arnForObjects('*'), reason: 'Legacy keys can be anywhere in the artifact bucket (DESIGN §6a), so migrate-batch copies any key of that one bucket; actions are explicit, never s3:*, and nothing is deleted.' },
      ]);
      migrateBatch.role.addToPrincipalPolicy(
        // The artifact bucket is versioned, so the plan pins each source's version: the copy reads that
        // version and its tags (GetObjectVersion, GetObjectVersionTagging), as `migrate run` does.
        new iam.PolicyStatement({
          actions: ['s3:GetObject', 's3:GetObjectTagging', 's3:GetObjectVersion', 's3:GetObjectVersionTagging', 's3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload'],
          resources: [artifactBucket.arnForObjects('*')],
        }),
      );
      migrateBatch.role.addToPrincipalPolicy(
        new iam.PolicyStatement({ actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resources: [tables.migrationJournal.tableArn] }),
      );
      functions[MIGRATE_BATCH_ENTRY] = migrateBatch;
    }
    this.functions = Object.freeze(functions);
    this.deadLetterQueue = LambdaDeadLetterQueue.of(this);
    this.batchOperationsRole = new BatchOperationsRole(this, 'BatchOperations', { artifactBucket, migrateBatch: migrateBatch?.fn }).role;
    this.migrationStateMachine = config.distributedMap && migrateBatch !== undefined ? new MigrationStateMachine(this, 'MigrationDistributedMap', { artifactBucket, migrateBatch: migrateBatch.fn }) : undefined;
    if (this.migrationStateMachine !== undefined) new CfnOutput(this, 'MigrationStateMachineArn', { value: this.migrationStateMachine.stateMachine.stateMachineArn });

    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    skipCheckov(accessLogs, LOG_GROUP_WITHOUT_CMK);
    this.api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'edgecv HTTP API (routes: apps/lambdas ROUTES)',
      // Operators and services call it with SigV4; there is no anonymous route.
      defaultAuthorizer: new HttpIamAuthorizer(),
      createDefaultStage: false,
    });
    this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(accessLogs) },
    });
    for (const route of ROUTES) {
      const fn = functions[route.entry];
      if (fn === undefined) continue;
      new apigw.HttpRoute(this, `Route${pascal(route.entry)}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, route.method as apigw.HttpMethod),
        integration: new HttpLambdaIntegration(`${pascal(route.entry)}Integration`, fn.fn),
        authorizer: new HttpIamAuthorizer(),
      });
    }
    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
    new CfnOutput(this, 'BatchOperationsRoleArn', { value: this.batchOperationsRole.roleArn });

    acknowledgeScopedWildcards(this.batchOperationsRole, [
      { resource: artifactBucket.arnForObjects(`${MIGRATION_MANIFESTS_PREFIX}*`), reason: 'S3 Batch Operations reads the manifests the migration exports, under migration/manifests/ only.' },
      { resource: artifactBucket.arnForObjects(`${MIGRATION_REPORTS_PREFIX}*`), reason: 'S3 Batch Operations writes its completion reports under migration/reports/ only.' },
    ]);
  }
}

function pascal(name: string): string {
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
}
