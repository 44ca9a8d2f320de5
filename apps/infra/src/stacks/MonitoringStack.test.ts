import { Match } from 'aws-cdk-lib/assertions';
import { onlyResource, resourcesOf, synthesize, type Synthesized } from '../testing/synthesize.fixture';

type Alarm = Record<string, unknown> & { Metrics?: { Id: string; Expression?: string; MetricStat?: { Metric: { MetricName: string; Namespace: string }; Period: number; Stat: string } }[] };

describe('Edgecv-Monitoring: the image upload failure alarm (property 24)', () => {
  let s: Synthesized;
  let alarm: Alarm;
  beforeAll(() => {
    s = synthesize({ alarmEmail: 'ops@example.com' });
    alarm = onlyResource(s.template('monitoring'), 'AWS::CloudWatch::Alarm', { Metrics: Match.anyValue() })[1].Properties as Alarm;
  });

  it('alarms when failed uploads exceed 5% of finished uploads in a 5-minute window', () => {
    expect(alarm).toMatchObject({ ComparisonOperator: 'GreaterThanThreshold', Threshold: 5, EvaluationPeriods: 1, DatapointsToAlarm: 1, TreatMissingData: 'notBreaching' });
    const expression = alarm.Metrics?.find((m) => m.Expression !== undefined);
    expect(expression?.Expression).toBe('100 * FILL(failures, 0) / (FILL(successes, 0) + FILL(failures, 0))');
    const stats = Object.fromEntries((alarm.Metrics ?? []).filter((m) => m.MetricStat !== undefined).map((m) => [m.Id, m.MetricStat]));
    expect(stats).toEqual({
      failures: { Metric: { MetricName: 'ImageUploadFailure', Namespace: 'Edgecv/Images' }, Period: 300, Stat: 'Sum' },
      successes: { Metric: { MetricName: 'ImageUploadSuccess', Namespace: 'Edgecv/Images' }, Period: 300, Stat: 'Sum' },
    });
  });

  it('notifies the alarm topic on alarm and on recovery', () => {
    const [topicId] = onlyResource(s.template('monitoring'), 'AWS::SNS::Topic');
    expect(alarm.AlarmActions).toEqual([{ Ref: topicId }]);
    expect(alarm.OKActions).toEqual([{ Ref: topicId }]);
  });

  it('sends notifications to the configured email over an encrypted, TLS-only topic', () => {
    const [topicId, topic] = onlyResource(s.template('monitoring'), 'AWS::SNS::Topic');
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    s.template('monitoring').hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topicId } });
    s.template('monitoring').hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('has a dashboard with the spec 003 widgets, CloudFront ones read from us-east-1', () => {
    const [, dashboard] = onlyResource(s.template('monitoring'), 'AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const needle of ['BucketSizeBytes', 'NumberOfObjects', 'GetRequests', 'PutRequests', '4xxErrors', '5xxErrors', 'FirstByteLatency', 'CacheHitRate', '4xxErrorRate', '5xxErrorRate', 'ImageUploadFailure']) {
      expect(body).toContain(needle);
    }
    expect(body).toMatch(/CacheHitRate.{0,400}us-east-1/);
  });

  it('has no alarm without somewhere to send it', () => {
    for (const a of Object.values(resourcesOf(s.template('monitoring'), 'AWS::CloudWatch::Alarm'))) expect(a.Properties.AlarmActions).toHaveLength(1);
  });
});

describe('Edgecv-Monitoring: the Lambdas\' dead-letter queue', () => {
  it('alarms on the first event in it, and notifies the topic', () => {
    const s = synthesize();
    const [, alarm] = onlyResource(s.template('monitoring'), 'AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible' });
    expect(alarm.Properties).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' });
    const [topicId] = onlyResource(s.template('monitoring'), 'AWS::SNS::Topic');
    expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
  });
});
