import { eventRules, functions, type EventRuleDefinition } from '#infra/manifest.ts';
import { matchesPattern } from '#infra/event-pattern.ts';
import type { EventBridgeEmulator, EventEnvelope } from '#infra/local/eventbridge.ts';
import { invokeWithTimeout, type HandlerLoader } from '#infra/local/lambda.ts';

/**
 * The local stand-in for EventBridge rules with a Lambda target: each event the local bus accepts
 * is matched against the rule definitions (their source and detail-type, with the pattern matcher
 * the tests also hold the archive's pattern to) and handed to the rule's function handler, retried
 * a few times like an asynchronous invocation. A delivery that keeps failing is logged, as AWS would park it in the rule's
 * dead-letter queue.
 */

const matchesRule = (rule: EventRuleDefinition, event: EventEnvelope) =>
  matchesPattern({ source: rule.sources, 'detail-type': rule.detailTypes }, event);

/** Local retries: enough to ride out a transient error without making a failing test wait long. */
const LOCAL_ATTEMPTS = 3;

export const startEventRules = (options: {
  eventbridge: Pick<EventBridgeEmulator, 'subscribe'>;
  loadHandler: HandlerLoader;
  log?: (line: Record<string, unknown>) => void;
  /** Overrides every function's timeout; tests pass a short one. */
  timeoutSeconds?: number;
}) => {
  const rules = Object.entries(eventRules);
  const log = options.log ?? (() => undefined);
  const inFlight = new Set<Promise<void>>();

  const deliver = async (name: string, rule: EventRuleDefinition, event: EventEnvelope) => {
    for (let attempt = 1; attempt <= LOCAL_ATTEMPTS; attempt += 1) {
      try {
        // Ended at the function's timeout, as Lambda would: a hung handler cannot hold stop() forever.
        const definition = functions[rule.function];
        const timeoutSeconds = options.timeoutSeconds ?? definition.timeoutSeconds;
        await invokeWithTimeout(await options.loadHandler(rule.function), { ...definition, timeoutSeconds }, event);
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
    for (const [name, rule] of rules) {
      if (!matchesRule(rule, event)) continue;
      const delivery = deliver(name, rule, event).finally(() => inFlight.delete(delivery));
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
