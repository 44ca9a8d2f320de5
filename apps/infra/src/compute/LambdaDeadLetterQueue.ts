// Where a function's failed asynchronous invocations go after Lambda's own retries: one queue per
// stack, shared by every EdgecvFunction. API Gateway and S3 Batch Operations invoke synchronously
// (the caller sees the error), but an operator's `aws lambda invoke --invocation-type Event`, or an
// event source added later, must not lose an event without a trace. Any message in it alarms.
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';

const ID = 'LambdaDeadLetters';

export class LambdaDeadLetterQueue extends Construct {
  /** The stack's queue, created with the first function that asks for it. */
  static of(scope: IConstruct): sqs.Queue {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(ID);
    return (existing instanceof LambdaDeadLetterQueue ? existing : new LambdaDeadLetterQueue(stack, ID)).queue;
  }

  readonly queue: sqs.Queue;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      // KMS with the AWS-managed aws/sqs key: Lambda sends with the function role, which that key admits.
      encryption: sqs.QueueEncryption.KMS_MANAGED,
      enforceSSL: true,
      // The longest SQS keeps a message: time to read the event and replay it by hand.
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue of the Lambda functions (their DeadLetterConfig); a dead-letter queue of its own would only move the messages again.',
    });
  }
}
