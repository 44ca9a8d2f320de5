// Upload outcomes as metrics, from what the image use cases already log: ImageUploader records
// every final attempt as a structured entry {"operation":"upload","result":"success"|"failure"}
// (ImageOperationLog), one JSON object per line. A metric filter per log group counts them, so no
// handler has to emit metrics of its own and the application on EC2 can feed the same alarm.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';

export const IMAGE_METRICS_NAMESPACE = 'Edgecv/Images';

export const IMAGE_UPLOAD_METRICS = Object.freeze({
  success: { metricName: 'ImageUploadSuccess', pattern: '{ $.operation = "upload" && $.result = "success" }' },
  failure: { metricName: 'ImageUploadFailure', pattern: '{ $.operation = "upload" && $.result = "failure" }' },
});

/** Counts successes and failures in one log group (retries are neither: only final outcomes count). */
export function addImageUploadMetricFilters(logGroup: logs.ILogGroup, idPrefix: string): void {
  for (const [outcome, { metricName, pattern }] of Object.entries(IMAGE_UPLOAD_METRICS)) {
    new logs.MetricFilter(logGroup, `${idPrefix}${outcome === 'success' ? 'Success' : 'Failure'}`, {
      logGroup,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: IMAGE_METRICS_NAMESPACE,
      metricName,
      metricValue: '1',
      // Log lines that are not upload outcomes count as 0, so a quiet period reads 0, not missing.
      defaultValue: 0,
      unit: cloudwatch.Unit.COUNT,
    });
  }
}

export function imageUploadMetric(outcome: keyof typeof IMAGE_UPLOAD_METRICS, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({ namespace: IMAGE_METRICS_NAMESPACE, metricName: IMAGE_UPLOAD_METRICS[outcome].metricName, statistic: 'Sum', period });
}

/** Failed uploads as a percentage of finished uploads (retries excluded) per 5 minutes. */
export function imageUploadFailureRate(): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: '100 * FILL(failures, 0) / (FILL(successes, 0) + FILL(failures, 0))',
    usingMetrics: { successes: imageUploadMetric('success'), failures: imageUploadMetric('failure') },
    period: Duration.minutes(5),
    label: 'Image upload failure rate (%)',
  });
}
