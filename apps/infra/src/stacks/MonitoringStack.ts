// The regional alarms (uploads, Lambdas) and the dashboard, next to what they watch.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { AlarmTopic } from '../monitoring/AlarmTopic';
import { ApplicationAlarms } from '../monitoring/ApplicationAlarms';
import { EdgecvDashboard } from '../monitoring/EdgecvDashboard';
import { addImageUploadMetricFilters } from '../monitoring/imageUploadMetrics';
import { IMAGE_REQUEST_METRICS_ID } from '../storage/ImageBucket';

export interface MonitoringStackProps extends StackProps {
  readonly config: InfraConfig;
  readonly imageBucketName: string;
  readonly distributionId: string;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  /** Log groups whose image upload outcomes feed the failure-rate alarm. */
  readonly imageUploadLogGroups: Readonly<Record<string, logs.ILogGroup>>;
  /** The functions' dead-letter queue: a message there is an event nothing processed. */
  readonly deadLetterQueue: sqs.IQueue;
}

export class MonitoringStack extends Stack {
  readonly alarms: ApplicationAlarms;
  readonly topic: AlarmTopic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    for (const [name, logGroup] of Object.entries(props.imageUploadLogGroups)) addImageUploadMetricFilters(logGroup, `${name}ImageUpload`);
    this.topic = new AlarmTopic(this, 'Alarms', { email: props.config.alarmEmail });
    this.alarms = new ApplicationAlarms(this, 'ApplicationAlarms', { thresholds: props.config.alarms, topic: this.topic, functions: props.functions, deadLetterQueue: props.deadLetterQueue });
    const alarms: cloudwatch.IAlarm[] = [this.alarms.uploadFailureRate, this.alarms.deadLetters, ...this.alarms.functionAlarms];
    new EdgecvDashboard(this, 'Dashboard', {
      imageBucketName: props.imageBucketName,
      requestMetricsId: IMAGE_REQUEST_METRICS_ID,
      distributionId: props.distributionId,
      functions: props.functions,
      alarms,
    });
  }
}
