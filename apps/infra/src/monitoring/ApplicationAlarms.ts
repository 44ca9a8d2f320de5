// The regional alarms: image upload failure rate (spec 003 property 24), events in the Lambdas'
// dead-letter queue and, per Lambda, errors and throttles.
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../config/InfraConfig';
import type { AlarmTopic } from './AlarmTopic';
import { imageUploadFailureRate } from './imageUploadMetrics';

export interface ApplicationAlarmsProps {
  readonly thresholds: AlarmThresholds;
  readonly topic: AlarmTopic;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly deadLetterQueue: sqs.IQueue;
}

export class ApplicationAlarms extends Construct {
  readonly uploadFailureRate: cloudwatch.Alarm;
  readonly functionAlarms: readonly cloudwatch.Alarm[];
  readonly deadLetters: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApplicationAlarmsProps) {
    super(scope, id);
    const { thresholds, topic } = props;
    this.uploadFailureRate = topic.notify(
      new cloudwatch.Alarm(this, 'ImageUploadFailureRate', {
        alarmDescription: `Image uploads failing above ${thresholds.uploadFailureRatePercent}% in a 5-minute window (spec 003 property 24). See docs/infrastructure.md#alarms.`,
        metric: imageUploadFailureRate(),
        threshold: thresholds.uploadFailureRatePercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.deadLetters = topic.notify(
      new cloudwatch.Alarm(this, 'LambdaDeadLetters', {
        alarmDescription: 'An asynchronous invocation of an edgecv Lambda failed after its retries; the event is in the dead-letter queue. See docs/infrastructure.md#alarms.',
        metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.functionAlarms = Object.entries(props.functions).flatMap(([name, fn]) => [
      topic.notify(
        new cloudwatch.Alarm(this, `${name}Errors`, {
          alarmDescription: `Lambda ${name} returned errors (unhandled exceptions, timeouts). See docs/infrastructure.md#alarms.`,
          metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ),
      topic.notify(
        new cloudwatch.Alarm(this, `${name}Throttles`, {
          alarmDescription: `Lambda ${name} was throttled (account or reserved concurrency exhausted). See docs/infrastructure.md#alarms.`,
          metric: fn.metricThrottles({ period: Duration.minutes(5), statistic: 'Sum' }),
          threshold: 0,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        }),
      ),
    ]);
  }
}
