// CloudFront metrics as CloudWatch stores them: namespace AWS/CloudFront, dimensions
// DistributionId AND Region=Global, in us-east-1. Distribution.metric*() in aws-cdk-lib omits
// Region=Global, and a metric missing a dimension matches no data, so an alarm on it never fires.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { CLOUDFRONT_METRICS_REGION } from '../config/stackEnvironments';

export type CloudFrontMetricName = 'Requests' | 'CacheHitRate' | '4xxErrorRate' | '5xxErrorRate' | 'TotalErrorRate' | 'OriginLatency' | 'BytesDownloaded';

export function cloudFrontMetric(distributionId: string, metricName: CloudFrontMetricName, statistic: string, period = Duration.minutes(5)): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/CloudFront',
    metricName,
    dimensionsMap: { DistributionId: distributionId, Region: 'Global' },
    statistic,
    period,
    region: CLOUDFRONT_METRICS_REGION,
  });
}
