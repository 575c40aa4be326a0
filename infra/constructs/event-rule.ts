import { Duration, Validations } from 'aws-cdk-lib';
import { ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventRuleDefinition } from '../resources.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';

export interface EventRuleTargetProps {
  name: string;
  definition: EventRuleDefinition;
  eventBus: IEventBus;
  /** The consumer (the `function` of the definition). */
  target: IFunction;
  settings: StageSettings;
}

/**
 * One subscription to domain events: a rule on the bus matching the definition's sources and
 * detail types invokes the consumer (asynchronously); EventBridge retries a failed delivery up to
 * `retryAttempts` times within `maxEventAgeHours`, then parks the event in a dead-letter queue,
 * which alarms as soon as it holds a message.
 */
export class EventRuleTarget extends Construct {
  public readonly rule: Rule;
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EventRuleTargetProps) {
    super(scope, id);
    const { name, definition, settings } = props;

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      // It holds event envelopes: identifiers and classifications, never personal data. SQS-managed
      // encryption spares EventBridge a grant on the data key.
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    this.deadLetterQueue
      .metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' })
      .createAlarm(this, 'DeadLetterQueueNotEmptyAlarm', {
        alarmDescription: `Event rule ${name} (${settings.stage}): events its consumer failed to handle after ${definition.retryAttempts} retries`,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });

    this.rule = new Rule(this, 'Rule', {
      eventBus: props.eventBus,
      description: definition.description,
      eventPattern: { source: [...definition.sources], detailType: [...definition.detailTypes] },
      targets: [
        new LambdaFunction(props.target, {
          deadLetterQueue: this.deadLetterQueue,
          retryAttempts: definition.retryAttempts,
          maxEventAge: Duration.hours(definition.maxEventAgeHours),
        }),
      ],
    });

    Validations.of(this.deadLetterQueue.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the rule target's own dead-letter queue (its DeadLetterConfig); a dead-letter queue for it would have nothing to catch.",
    });
  }
}
