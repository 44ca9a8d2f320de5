// CloudFront publishes its metrics only in us-east-1 and an alarm must live in its metric's
// region, so the CloudFront alarms get their own stack there, whatever region the rest uses.
import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { InfraConfig } from '../config/InfraConfig';
import { AlarmTopic } from '../monitoring/AlarmTopic';
import { CdnAlarms } from '../monitoring/CdnAlarms';

export interface CdnAlarmsStackProps extends StackProps {
  readonly config: InfraConfig;
  readonly distributionId: string;
}

export class CdnAlarmsStack extends Stack {
  readonly alarms: CdnAlarms;

  constructor(scope: Construct, id: string, props: CdnAlarmsStackProps) {
    super(scope, id, props);
    const topic = new AlarmTopic(this, 'Alarms', { email: props.config.alarmEmail });
    this.alarms = new CdnAlarms(this, 'CdnAlarms', { distributionId: props.distributionId, thresholds: props.config.alarms, topic });
  }
}
