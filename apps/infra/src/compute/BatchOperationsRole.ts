// S3 Batch Operations runs the migration at scale (DESIGN §6): it reads the plan's CSV manifest,
// invokes the migrate-batch Lambda per key and writes its completion report.
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export const MIGRATION_MANIFESTS_PREFIX = 'migration/manifests/';
export const MIGRATION_REPORTS_PREFIX = 'migration/reports/';

export interface BatchOperationsRoleProps {
  readonly artifactBucket: s3.IBucket;
  readonly migrateBatch: lambda.IFunction | undefined;
}

export class BatchOperationsRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: BatchOperationsRoleProps) {
    super(scope, id);
    const bucket = props.artifactBucket;
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('batchoperations.s3.amazonaws.com'), description: 'edgecv migration through S3 Batch Operations' });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject', 's3:GetObjectVersion'], resources: [bucket.arnForObjects(`${MIGRATION_MANIFESTS_PREFIX}*`)] }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`${MIGRATION_REPORTS_PREFIX}*`)] }));
    if (props.migrateBatch !== undefined) {
      this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.migrateBatch.functionArn] }));
    }
  }
}
