// Spec 003's CloudFront alarms. They must be created in us-east-1, where CloudFront's metrics are.
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import type { AlarmThresholds } from '../config/InfraConfig';
import type { AlarmTopic } from './AlarmTopic';
import { cloudFrontMetric } from './cloudFrontMetric';

export interface CdnAlarmsProps {
  readonly distributionId: string;
  readonly thresholds: AlarmThresholds;
  readonly topic: AlarmTopic;
}

export class CdnAlarms extends Construct {
  readonly cacheHitRate: cloudwatch.Alarm;
  readonly error4xxRate: cloudwatch.Alarm;
  readonly error5xxRate: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CdnAlarmsProps) {
    super(scope, id);
    const { distributionId, thresholds, topic } = props;
    // Three 5-minute periods: a cold cache after a deploy or a burst of first views is normal;
    // a hit rate that stays low for 15 minutes means TTLs or cache keys are wrong.
    this.cacheHitRate = topic.notify(
      new cloudwatch.Alarm(this, 'CacheHitRateLow', {
        alarmDescription: `CloudFront cache hit ratio below ${thresholds.cacheHitRatePercent}% for 15 minutes (spec 003). See docs/infrastructure.md#alarms.`,
        metric: cloudFrontMetric(distributionId, 'CacheHitRate', 'Average'),
        threshold: thresholds.cacheHitRatePercent,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        // No requests, no ratio: silence is not a low hit rate.
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.error4xxRate = topic.notify(
      new cloudwatch.Alarm(this, 'Error4xxRateHigh', {
        alarmDescription: `CloudFront 4xx error rate above ${thresholds.error4xxRatePercent}% in 2 of 3 5-minute periods (spec 003). See docs/infrastructure.md#alarms.`,
        metric: cloudFrontMetric(distributionId, '4xxErrorRate', 'Average'),
        threshold: thresholds.error4xxRatePercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
    this.error5xxRate = topic.notify(
      new cloudwatch.Alarm(this, 'Error5xxRateHigh', {
        alarmDescription: `CloudFront 5xx error rate above ${thresholds.error5xxRatePercent}% in 2 of 3 5-minute periods. See docs/infrastructure.md#alarms.`,
        metric: cloudFrontMetric(distributionId, '5xxErrorRate', 'Average'),
        threshold: thresholds.error5xxRatePercent,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        datapointsToAlarm: 2,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    );
  }
}
