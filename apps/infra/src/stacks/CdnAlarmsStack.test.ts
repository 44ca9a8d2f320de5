import { type Stack } from 'aws-cdk-lib';
import { onlyResource, resourcesOf, synthesize, type Synthesized } from '../testing/synthesize.fixture';

const expectations = [
  { metric: 'CacheHitRate', operator: 'LessThanThreshold', threshold: 70, why: 'cache hit ratio below 70%' },
  { metric: '4xxErrorRate', operator: 'GreaterThanThreshold', threshold: 10, why: '4xx rate above 10%' },
  { metric: '5xxErrorRate', operator: 'GreaterThanThreshold', threshold: 1, why: '5xx rate above 1%' },
] as const;

describe('Edgecv-CdnAlarms with everything in us-east-1', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize();
  });

  it('lives in us-east-1, where CloudFront publishes its metrics', () => {
    expect(s.stacks.cdnAlarms.region).toBe('us-east-1');
  });

  it.each(expectations)('alarms on $why, on the distribution\'s metric with Region=Global', ({ metric, operator, threshold }) => {
    const [, alarm] = onlyResource(s.template('cdnAlarms'), 'AWS::CloudWatch::Alarm', { MetricName: metric });
    expect(alarm.Properties).toMatchObject({ Namespace: 'AWS/CloudFront', ComparisonOperator: operator, Threshold: threshold, Period: 300, Statistic: 'Average', TreatMissingData: 'notBreaching' });
    expect(alarm.Properties.Dimensions).toEqual([
      { Name: 'DistributionId', Value: { 'Fn::GetStackOutput': { StackName: 'Edgecv-Images', Region: 'us-east-1', OutputName: expect.stringContaining('CdnDistribution') } } },
      { Name: 'Region', Value: 'Global' },
    ]);
    const [topicId] = onlyResource(s.template('cdnAlarms'), 'AWS::SNS::Topic');
    expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });

  it('has exactly those three alarms', () => {
    expect(Object.keys(resourcesOf(s.template('cdnAlarms'), 'AWS::CloudWatch::Alarm'))).toHaveLength(3);
  });
});

describe('Edgecv-CdnAlarms when the rest of edgecv is in another region', () => {
  let s: Synthesized;
  beforeAll(() => {
    s = synthesize({ region: 'eu-west-1' });
  });

  it('stays in us-east-1 while the buckets, tables and regional alarms move', () => {
    expect(s.stacks.cdnAlarms.region).toBe('us-east-1');
    for (const stack of [s.stacks.data, s.stacks.images, s.stacks.monitoring] as Stack[]) expect(stack.region).toBe('eu-west-1');
  });

  it('reads the distribution id across regions from the images stack', () => {
    const [, alarm] = onlyResource(s.template('cdnAlarms'), 'AWS::CloudWatch::Alarm', { MetricName: 'CacheHitRate' });
    expect(alarm.Properties.Dimensions).toEqual([
      { Name: 'DistributionId', Value: { 'Fn::GetStackOutput': { StackName: 'Edgecv-Images', Region: 'eu-west-1', OutputName: expect.stringContaining('CdnDistribution') } } },
      { Name: 'Region', Value: 'Global' },
    ]);
  });
});
