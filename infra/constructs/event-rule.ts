import { Duration } from 'aws-cdk-lib';
import { Rule, type IEventBus } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventRuleDefinition } from '#infra/manifest.ts';
import { AlarmedDeadLetterQueue } from './alarmed-dead-letter-queue.ts';
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
 * which alarms as soon as it holds a message. A consumer that throws is the consumer's
 * asynchronous invocation configuration (async-invocation.ts): retries, then its on-failure queue.
 */
export class EventRuleTarget extends Construct {
  public readonly rule: Rule;
  public readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: EventRuleTargetProps) {
    super(scope, id);
    const { name, definition, settings } = props;

    this.deadLetterQueue = new AlarmedDeadLetterQueue(this, 'DeadLetterQueue', {
      alarmDescription: `Event rule ${name} (${settings.stage}): events EventBridge could not hand to its consumer after ${definition.retryAttempts} retries`,
    }).queue;

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
  }
}
