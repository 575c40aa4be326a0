import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { readEventBusName } from '#shared/config.ts';
import { eventBus } from '#shared/manifest/platform.ts';
import { countMetric } from '#shared/observability/metrics.ts';

/**
 * Publishes domain events on the EventBridge bus. Events carry identifiers, classifications and
 * times, never personal data. The SDK reads its endpoint from the environment, so locally the
 * same code talks to the local bus.
 */
export interface PublishableEvent {
  type: string;
  at: string;
  detail: Record<string, unknown>;
}

export interface EventPublisher {
  publish(events: readonly PublishableEvent[]): Promise<void>;
}

/** PutEvents takes at most 10 entries per call. */
const BATCH = 10;

export class EventPublishError extends Error {
  override name = 'EventPublishError';
}

/** The metric counting an event type's publications: `complaint.sla-breached` -> `ComplaintSlaBreached`. */
export const eventMetricName = (type: string): string =>
  type
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');

/**
 * Counts the events put on the bus, one metric per event type (a small fixed set, so no
 * dimension per type): the type is all that is recorded, never an id or a detail.
 */
const countPublished = (events: readonly PublishableEvent[]) => {
  const byType = new Map<string, number>();
  for (const { type } of events) byType.set(type, (byType.get(type) ?? 0) + 1);
  for (const [type, count] of byType) countMetric(eventMetricName(type), count);
};

export const createEventPublisher = (options: {
  busName: string;
  /** The bounded context publishing, e.g. `customer-service`: the event source is `<system>.<context>`. */
  context: string;
  client?: Pick<EventBridgeClient, 'send'>;
}): EventPublisher => {
  const client = options.client ?? new EventBridgeClient({});
  const source = `${eventBus.source}.${options.context}`;
  return {
    async publish(events) {
      for (let i = 0; i < events.length; i += BATCH) {
        const batch = events.slice(i, i + BATCH);
        const result = await client.send(
          new PutEventsCommand({
            Entries: batch.map((event) => ({
              EventBusName: options.busName,
              Source: source,
              DetailType: event.type,
              Time: new Date(event.at),
              Detail: JSON.stringify({ ...event.detail, occurredAt: event.at }),
            })),
          }),
        );
        if (result.FailedEntryCount) {
          const codes = (result.Entries ?? []).map((e) => e.ErrorCode).filter(Boolean);
          throw new EventPublishError(`${result.FailedEntryCount} event(s) not published: ${codes.join(', ')}`);
        }
        countPublished(batch);
      }
    },
  };
};

/** The publisher of `context`'s events on the bus the environment names (EVENT_BUS_NAME). */
export const eventPublisherFromEnvironment = (context: string, env: NodeJS.ProcessEnv): EventPublisher =>
  createEventPublisher({ busName: readEventBusName(env), context });
