import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { eventRules, functions, queues, type EventRuleDefinition } from '#infra/manifest.ts';
import { matchesPattern } from '#infra/event-pattern.ts';
import type { EventBridgeEmulator, EventEnvelope } from '#infra/local/eventbridge.ts';
import { invokeWithTimeout, type HandlerLoader } from '#infra/local/lambda.ts';

/**
 * The local stand-in for EventBridge rules: each event the local bus accepts is matched against
 * the rule definitions (their source and detail-type, with the pattern matcher the tests also hold
 * the archive's pattern to) and delivered to the rule's target, retried a few times as EventBridge
 * retries a target:
 * - a `function` target: the function's handler is invoked with the event, as an asynchronous invocation;
 * - a `queue` target: the event is sent to the queue (the SQS emulator, through the real SDK
 *   client), its envelope as the message body, as EventBridge's SQS target sends it.
 * A delivery that keeps failing is logged, as AWS would park it in the rule's dead-letter queue.
 */

interface EventRulesOptions {
  eventbridge: Pick<EventBridgeEmulator, 'subscribe'>;
  loadHandler: HandlerLoader;
  /** The client queue targets send with (the stack's SQS client). */
  sqs: Pick<SQSClient, 'send'>;
  /** Queue URLs by local name (the stack's `queueUrls`); every queue a rule targets must be there. */
  queueUrls: Record<string, string>;
  log?: (line: Record<string, unknown>) => void;
  /** Overrides every function's timeout; tests pass a short one. */
  timeoutSeconds?: number;
}

type Target = (event: EventEnvelope) => Promise<unknown>;

const matchesRule = (rule: EventRuleDefinition, event: EventEnvelope) =>
  matchesPattern({ source: rule.sources, 'detail-type': rule.detailTypes }, event);

/** Local retries: enough to ride out a transient error without making a failing test wait long. */
const LOCAL_ATTEMPTS = 3;

/** What delivering one event to the rule's target means; a queue the stack did not create fails here, at start. */
const targetOf = (name: string, rule: EventRuleDefinition, options: EventRulesOptions): Target => {
  if (rule.queue !== undefined) {
    const queueName = queues[rule.queue].localName;
    const queueUrl = options.queueUrls[queueName];
    if (!queueUrl) throw new Error(`No local queue ${queueName} for the event rule ${name}`);
    return (event) => options.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(event) }));
  }
  const definition = functions[rule.function];
  const timeoutSeconds = options.timeoutSeconds ?? definition.timeoutSeconds;
  // Ended at the function's timeout, as Lambda would: a hung handler cannot hold stop() forever.
  return async (event) =>
    invokeWithTimeout(await options.loadHandler(rule.function), { ...definition, timeoutSeconds }, event);
};

export const startEventRules = (options: EventRulesOptions) => {
  const rules = (Object.entries(eventRules) as Array<[string, EventRuleDefinition]>).map(([name, rule]) => ({
    name,
    rule,
    target: targetOf(name, rule, options),
  }));
  const log = options.log ?? (() => undefined);
  const inFlight = new Set<Promise<void>>();

  const deliver = async (name: string, target: Target, event: EventEnvelope) => {
    for (let attempt = 1; attempt <= LOCAL_ATTEMPTS; attempt += 1) {
      try {
        await target(event);
        return;
      } catch (error) {
        // Only the error's name: its message may quote the event's data.
        log({ msg: 'event delivery failed', rule: name, attempt, errorName: (error as Error)?.name ?? typeof error });
        if (attempt < LOCAL_ATTEMPTS) await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
    log({ msg: 'event dropped after retries (in AWS: the rule dead-letter queue)', rule: name, eventId: event.id });
  };

  const unsubscribe = options.eventbridge.subscribe((event) => {
    for (const { name, rule, target } of rules) {
      if (!matchesRule(rule, event)) continue;
      const delivery = deliver(name, target, event).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
  });

  return {
    /** No new deliveries; waits for those in flight, so they do not outlive the emulators they use. */
    stop: async () => {
      unsubscribe();
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
};
