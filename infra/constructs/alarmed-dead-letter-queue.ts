import { Duration, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { alarmOnDeadLetters } from './alarm.ts';

/**
 * The dead-letter queue of an AWS service's delivery (an EventBridge rule target, a Scheduler
 * schedule, a stream's event source mapping), with an alarm as soon as it holds a message. It holds
 * envelopes of identifiers and times, never personal data, so SQS-managed encryption spares the
 * service a grant on the data key.
 */
export class AlarmedDeadLetterQueue extends Construct {
  public readonly queue: Queue;
  public readonly notEmptyAlarm: Alarm;

  constructor(scope: Construct, id: string, props: { alarmDescription: string }) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.notEmptyAlarm = alarmOnDeadLetters(this, 'NotEmptyAlarm', this.queue, props.alarmDescription);
    Validations.of(this.queue.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is a delivery's own dead-letter queue; a dead-letter queue for it would have nothing to catch.",
    });
  }
}
