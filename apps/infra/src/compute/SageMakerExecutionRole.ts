// The role SageMaker training and Neo compilation jobs run as (EDGECV_SAGEMAKER_ROLE_ARN): they
// read datasets/ and models/, and write models/, in the artifact bucket, and write their logs.
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeScopedWildcards } from './acknowledgeScopedWildcards';

export interface SageMakerExecutionRoleProps {
  readonly artifactBucket: s3.IBucket;
  readonly layoutPrefix: string;
}

export class SageMakerExecutionRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SageMakerExecutionRoleProps) {
    super(scope, id);
    const { artifactBucket: bucket, layoutPrefix: p } = props;
    this.role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), description: 'edgecv SageMaker training and Neo compilation jobs' });
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [bucket.arnForObjects(`${p}datasets/*`), bucket.arnForObjects(`${p}models/*`)] }));
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:PutObject', 's3:AbortMultipartUpload'], resources: [bucket.arnForObjects(`${p}models/*`)] }));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn], conditions: { StringLike: { 's3:prefix': [`${p}datasets/*`, `${p}models/*`] } } }),
    );
    const logGroups = Arn.format({ service: 'logs', resource: 'log-group', resourceName: '/aws/sagemaker/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }, Stack.of(this));
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [logGroups] }),
    );
    acknowledgeScopedWildcards(this.role, [
      { resource: bucket.arnForObjects(`${p}datasets/*`), reason: 'Training reads every key under datasets/ of the artifact bucket, nothing else.' },
      { resource: bucket.arnForObjects(`${p}models/*`), reason: 'Training writes and Neo reads and writes keys under models/ of the artifact bucket, nothing else.' },
      { resource: logGroups, reason: 'SageMaker names a log group per job type under /aws/sagemaker/; the ARN covers only those.' },
    ]);
  }
}
