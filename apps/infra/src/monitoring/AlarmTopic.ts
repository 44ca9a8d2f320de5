// Where alarms notify: an SNS topic encrypted with a key CloudWatch may use (the AWS-managed
// alias/aws/sns key does not let CloudWatch publish), TLS-only, with an optional email subscriber.
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  readonly email: string | undefined;
}

export class AlarmTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps) {
    super(scope, id);
    const key = new kms.Key(this, 'Key', { enableKeyRotation: true, description: 'edgecv alarm notifications' });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'edgecv alarms', masterKey: key, enforceSSL: true });
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }

  /** Notify on ALARM and on recovery, so a page is always followed by its all-clear. */
  notify(alarm: cloudwatch.Alarm): cloudwatch.Alarm {
    const action = new actions.SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }
}
