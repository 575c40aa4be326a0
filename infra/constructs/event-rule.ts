import { Annotations, Duration } from 'aws-cdk-lib';
import { Rule, type IEventBus, type IRuleTarget } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { type IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventRuleDefinition } from '#infra/manifest.ts';
import { AlarmedDeadLetterQueue } from './alarmed-dead-letter-queue.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';

export interface EventRuleTargetProps {
  name: string;
  definition: EventRuleDefinition;
  eventBus: IEventBus;
  /** The consumer: the definition's `function`, or its `queue` (stateful stack). */
  target: { function: IFunction } | { queue: IQueue };
  settings: StageSettings;
}

/**
 * The name of a rule that targets a queue. The queue's policy and the storage key's policy (stateful
 * stack, event-rule-queue-access.ts) admit the rule by its ARN; with a generated name the stateful
 * stack would have to read it from this one, which already depends on it.
 */
export const queueRuleName = (stage: string, definition: Pick<EventRuleDefinition, 'logicalId'>): string =>
  `user-protection-${stage}-${definition.logicalId}`;

/**
 * One subscription to domain events: a rule on the bus matching the definition's sources and
 * detail types hands each event to its consumer. EventBridge retries a failed delivery up to
 * `retryAttempts` times within `maxEventAgeHours`, then parks the event in a dead-letter queue,
 * which alarms as soon as it holds a message.
 *
 * - A function is invoked asynchronously; a consumer that throws is the consumer's asynchronous
 *   invocation configuration (async-invocation.ts): retries, then its on-failure queue.
 * - A queue receives the event as the message body; its consumer takes it in batches, and what
 *   fails there ends in the queue's own dead-letter queue. The queue lives in the stateful stack,
 *   which admits this rule in the queue's policy and its key's policy (event-rule-queue-access.ts).
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
      ...('queue' in props.target && { ruleName: queueRuleName(settings.stage, definition) }),
      eventPattern: { source: [...definition.sources], detailType: [...definition.detailTypes] },
      targets: [this.targetOf(props)],
    });
    if ('queue' in props.target) {
      Annotations.of(this.rule).acknowledgeWarning(
        '@aws-cdk/aws-events:ruleUnresolvedEnvironment',
        "The queue is the stateful stack's, of this stack's account and region; only its ARN is a token here.",
      );
    }
  }

  private targetOf({ definition, target }: EventRuleTargetProps): IRuleTarget {
    const delivery = {
      deadLetterQueue: this.deadLetterQueue,
      retryAttempts: definition.retryAttempts,
      maxEventAge: Duration.hours(definition.maxEventAgeHours),
    };
    if ('function' in target) return new LambdaFunction(target.function, delivery);
    // A view of the queue without its key and policy: SqsQueue would otherwise write the rule's ARN
    // into the stateful stack's queue policy (a cycle) and grant EventBridge the key unconditioned.
    const queue = Queue.fromQueueAttributes(this, 'Queue', { queueArn: target.queue.queueArn, queueUrl: target.queue.queueUrl });
    return new SqsQueue(queue, delivery);
  }
}
