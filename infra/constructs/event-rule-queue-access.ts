import { Stack } from 'aws-cdk-lib';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventRules, type EventRuleDefinition, type QueueName } from '#infra/manifest.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { queueRuleName } from './event-rule.ts';

/** What EventBridge needs on the key of an SSE-KMS queue it sends to: a data key, and a cached one. */
const eventBridgeQueueKeyActions = ['kms:GenerateDataKey', 'kms:Decrypt'] as const;

/**
 * The stateful side of every event rule that targets a queue (the rule itself is in the stateless
 * stack, event-rule.ts): the queue's policy lets EventBridge send to it, and the queue's key lets
 * EventBridge encrypt the message, both only for that rule (`aws:SourceArn`, with its fixed name)
 * in this account (`aws:SourceAccount`), as AWS documents for SQS targets encrypted with a
 * customer-managed key. Written here, next to the queue and the key, so that the stateful stack
 * never reads from the stateless one.
 */
export function admitEventRulesToQueues(
  scope: Construct,
  props: { queues: Record<QueueName, IQueue>; eventBus: IEventBus; settings: StageSettings },
): void {
  const stack = Stack.of(scope);
  for (const definition of Object.values(eventRules as Record<string, EventRuleDefinition>)) {
    if (!definition.queue) continue;
    const queue = props.queues[definition.queue];
    const ruleArn = stack.formatArn({
      service: 'events',
      resource: 'rule',
      resourceName: `${props.eventBus.eventBusName}/${queueRuleName(props.settings.stage, definition)}`,
    });
    const conditions = { ArnEquals: { 'aws:SourceArn': ruleArn }, StringEquals: { 'aws:SourceAccount': stack.account } };
    const eventBridge = new ServicePrincipal('events.amazonaws.com');
    queue.addToResourcePolicy(
      new PolicyStatement({ principals: [eventBridge], actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions }),
    );
    queue.encryptionMasterKey?.addToResourcePolicy(
      new PolicyStatement({ principals: [eventBridge], actions: [...eventBridgeQueueKeyActions], resources: ['*'], conditions }),
    );
  }
}
