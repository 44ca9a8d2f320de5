// The spec 003 dashboard: bucket size and objects, S3 requests, errors and latency, CloudFront
// requests, cache hit ratio and errors, upload outcomes, and the Lambdas. CloudFront widgets read
// us-east-1 (a dashboard may mix regions; an alarm may not).
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { cloudFrontMetric } from './cloudFrontMetric';
import { imageUploadFailureRate, imageUploadMetric } from './imageUploadMetrics';

export interface EdgecvDashboardProps {
  readonly imageBucketName: string;
  readonly requestMetricsId: string;
  readonly distributionId: string;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly alarms: readonly cloudwatch.IAlarm[];
}

export class EdgecvDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: EdgecvDashboardProps) {
    super(scope, id);
    const s3 = (metricName: string, statistic: string, dimensions: Record<string, string>, period: Duration) =>
      new cloudwatch.Metric({ namespace: 'AWS/S3', metricName, statistic, period, dimensionsMap: { BucketName: props.imageBucketName, ...dimensions } });
    const daily = Duration.days(1);
    const requests = (metricName: string, statistic = 'Sum') => s3(metricName, statistic, { FilterId: props.requestMetricsId }, Duration.minutes(5));
    const cf = (name: Parameters<typeof cloudFrontMetric>[1], statistic: string) => cloudFrontMetric(props.distributionId, name, statistic);
    const fns = Object.entries(props.functions);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.hours(24),
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'Image bucket size (bytes)', left: [s3('BucketSizeBytes', 'Average', { StorageType: 'StandardStorage' }, daily), s3('BucketSizeBytes', 'Average', { StorageType: 'StandardIAStorage' }, daily), s3('BucketSizeBytes', 'Average', { StorageType: 'GlacierStorage' }, daily)], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Image objects', left: [s3('NumberOfObjects', 'Average', { StorageType: 'AllStorageTypes' }, daily)], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'S3 requests (GET, PUT)', left: [requests('GetRequests'), requests('PutRequests')], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'S3 errors (4xx, 5xx)', left: [requests('4xxErrors'), requests('5xxErrors')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'S3 latency (ms)', left: [requests('FirstByteLatency', 'Average'), requests('TotalRequestLatency', 'Average')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'Image uploads', left: [imageUploadMetric('success'), imageUploadMetric('failure')], right: [imageUploadFailureRate()], width: 8 }),
        ],
        [
          new cloudwatch.GraphWidget({ title: 'CloudFront requests', left: [cf('Requests', 'Sum')], width: 8 }),
          new cloudwatch.GraphWidget({ title: 'CloudFront cache hit ratio (%)', left: [cf('CacheHitRate', 'Average')], leftYAxis: { min: 0, max: 100 }, width: 8 }),
          new cloudwatch.GraphWidget({ title: 'CloudFront error rates (%)', left: [cf('4xxErrorRate', 'Average'), cf('5xxErrorRate', 'Average')], width: 8 }),
        ],
        ...(fns.length === 0
          ? []
          : [
              [
                new cloudwatch.GraphWidget({ title: 'Lambda invocations', left: fns.map(([name, fn]) => fn.metricInvocations({ label: name })), width: 8 }),
                new cloudwatch.GraphWidget({ title: 'Lambda errors and throttles', left: fns.map(([name, fn]) => fn.metricErrors({ label: `${name} errors` })), right: fns.map(([name, fn]) => fn.metricThrottles({ label: `${name} throttles` })), width: 8 }),
                new cloudwatch.GraphWidget({ title: 'Lambda duration p99 (ms)', left: fns.map(([name, fn]) => fn.metricDuration({ label: name, statistic: 'p99' })), width: 8 }),
              ],
            ]),
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24 })],
      ],
    });
  }
}
