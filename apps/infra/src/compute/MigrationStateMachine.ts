// Opt-in (`-c edgecv:distributedMap=true`): a Step Functions Distributed Map that runs a
// migration plan with the same migrate-batch Lambda as S3 Batch Operations. Its ItemReader reads
// the CSV manifest `edgecv migrate export` writes (no header; columns Bucket, Key, VersionId, a
// missing VersionId read as ''), ItemBatcher hands the Lambda batches with the journal id, a
// batch that fails temporarily is retried with back-off, and the run stops only when more than
// the tolerated share of batches failed for good. Results (every batch's answer or failure) go to
// S3 under migration/reports/. Execution input: { "manifestKey": "migration/manifests/...csv",
// "journalId": "..." }.
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { wildcardResources } from './acknowledgeScopedWildcards';
import { MIGRATION_MANIFESTS_PREFIX, MIGRATION_REPORTS_PREFIX } from './BatchOperationsRole';
import { acceptCfnLint } from '../scanning/acceptCfnLint';
import { LOG_GROUP_WITHOUT_CMK, ROLE_DEPENDENCY_ALSO_GETATT } from '../scanning/acceptedFindings';
import { skipCheckov } from '../scanning/skipCheckov';

export const DISTRIBUTED_MAP_DEFAULTS = Object.freeze({
  /** Rows per Lambda invocation: about what one invocation copies well within its 15 minutes. */
  itemsPerBatch: 100,
  /** Child executions at once (Distributed Map allows up to 10,000). */
  maxConcurrency: 1000,
  /** Batches that may fail for good (collisions, missing sources: journaled) before the run stops. */
  toleratedFailurePercentage: 5,
});

export interface MigrationStateMachineProps {
  readonly artifactBucket: s3.IBucket;
  readonly migrateBatch: lambda.IFunction;
}

export class MigrationStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;

  constructor(scope: Construct, id: string, props: MigrationStateMachineProps) {
    super(scope, id);
    const { artifactBucket } = props;
    const copyBatch = new tasks.LambdaInvoke(this, 'CopyBatch', { lambdaFunction: props.migrateBatch, payloadResponseOnly: true, retryOnServiceExceptions: true });
    copyBatch.addRetry({ errors: ['MigrateBatchTemporaryFailure'], interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 6, jitterStrategy: sfn.JitterType.FULL });

    const runPlan = new sfn.DistributedMap(this, 'RunPlan', {
      itemReader: new sfn.S3CsvItemReader({
        bucket: artifactBucket,
        key: sfn.JsonPath.stringAt('$.manifestKey'),
        csvHeaders: sfn.CsvHeaders.use(['Bucket', 'Key', 'VersionId']),
      }),
      itemBatcher: new sfn.ItemBatcher({ maxItemsPerBatch: DISTRIBUTED_MAP_DEFAULTS.itemsPerBatch, batchInput: { 'journalId.$': '$.journalId' } }),
      maxConcurrency: DISTRIBUTED_MAP_DEFAULTS.maxConcurrency,
      toleratedFailurePercentage: DISTRIBUTED_MAP_DEFAULTS.toleratedFailurePercentage,
      // migrate-batch may run 15 minutes: longer than an express child execution may.
      mapExecutionType: sfn.StateMachineType.STANDARD,
      resultWriterV2: new sfn.ResultWriterV2({ bucket: artifactBucket, prefix: MIGRATION_REPORTS_PREFIX }),
    });
    runPlan.itemProcessor(copyBatch);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    skipCheckov(logGroup, LOG_GROUP_WITHOUT_CMK);
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      comment: 'edgecv migration plan on Distributed Map (docs/migration-runbook.md)',
      definitionBody: sfn.DefinitionBody.fromChainable(runPlan),
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      tracingEnabled: true,
    });
    acceptCfnLint(this.stateMachine, ROLE_DEPENDENCY_ALSO_GETATT);
    // CDK grants the item reader and the result writer the whole bucket; these keep reads to the
    // exported manifests and writes to the reports, whatever key an execution names.
    const objects = (prefix: string): string => `arn:${Aws.PARTITION}:s3:::${artifactBucket.bucketName}/${prefix}*`;
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:GetObject'], notResources: [objects(MIGRATION_MANIFESTS_PREFIX), objects(MIGRATION_REPORTS_PREFIX)] }));
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], notResources: [objects(MIGRATION_REPORTS_PREFIX)] }));
    this.node.addValidation({ validate: () => acknowledgeOwnWildcards(this) });
  }
}

/** Step Functions' log delivery and X-Ray calls (SF1, SF2) take no resource-level permissions. */
const LOGS_AND_TRACING = /^(logs:(CreateLogDelivery|DeleteLogDelivery|DescribeLogGroups|DescribeResourcePolicies|GetLogDelivery|ListLogDeliveries|PutResourcePolicy|UpdateLogDelivery)|xray:(GetSamplingRules|GetSamplingTargets|PutTelemetryRecords|PutTraceSegments))$/;

/**
 * The wildcards CDK writes for a Distributed Map, each acknowledged by what it is; any other
 * wildcard in these policies stays a cdk-nag violation.
 */
function acknowledgeOwnWildcards(scope: Construct): string[] {
  const why: [RegExp, string][] = [
    [/:execution:.*\*$/, 'A Distributed Map starts, describes and stops its own child executions: the execution ARNs of this one state machine.'],
    [/migration\/reports\/\*$/, 'The Distributed Map result writer writes its results under migration/reports/ of the artifact bucket only.'],
    [/^arn:<AWS::Partition>:s3:::edgecv-[^/]+\/\*$/, 'The item reader and result writer are granted the bucket by CDK; explicit Denies in the same policy keep reads to migration/manifests/ and migration/reports/ and writes to migration/reports/.'],
    [/MigrateBatch[^:]*\.Arn>:\*$|MigrateBatch.*:\*$/, 'Step Functions may invoke migrate-batch by version or alias, as the Lambda task grant writes it; that one function only.'],
  ];
  for (const policy of scope.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
    const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: { Effect: string; Action: string | string[]; Resource?: unknown }[] };
    const bareStarOnlyForLogsAndTracing = (document.Statement ?? []).every((st) => {
      const resources = Array.isArray(st.Resource) ? st.Resource : [st.Resource];
      const actions = Array.isArray(st.Action) ? st.Action : [st.Action];
      return st.Effect !== 'Allow' || !resources.includes('*') || actions.every((a) => LOGS_AND_TRACING.test(a));
    });
    for (const resource of wildcardResources(policy)) {
      const reason = resource === '*' ? (bareStarOnlyForLogsAndTracing ? 'Step Functions delivers its logs (SF1) and X-Ray traces (SF2) through APIs without resource-level permissions; the statement holds those actions only.' : undefined) : why.find(([pattern]) => pattern.test(resource))?.[1];
      if (reason !== undefined) Validations.of(policy).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
    }
  }
  return [];
}
