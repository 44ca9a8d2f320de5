// The artifact bucket of the Edge CV layout, every DynamoDB table and the MongoDB URI's secret.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { TableKey } from '@edgecv/infrastructure/dynamodb';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { EdgecvTables } from '../data/EdgecvTables';
import { createMongoSecret } from '../data/MongoSecret';
import { AccessLogBucket } from '../storage/AccessLogBucket';
import { ArtifactBucket } from '../storage/ArtifactBucket';

export interface DataStackProps extends StackProps {
  readonly config: InfraConfig;
}

export class DataStack extends Stack {
  readonly artifactBucket: s3.Bucket;
  readonly tables: Readonly<Record<TableKey, dynamodb.Table>>;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const logs = new AccessLogBucket(this, 'AccessLogs', { forCloudFront: false });
    this.artifactBucket = new ArtifactBucket(this, 'Artifacts', { config: props.config, accessLogs: logs.bucket }).bucket;
    this.tables = new EdgecvTables(this, 'Tables', { tablePrefix: props.config.tablePrefix }).tables;
    createMongoSecret(this, props.config);
  }
}
