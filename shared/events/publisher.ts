import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { eventBus } from '#shared/manifest/platform.ts';

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
      }
    },
  };
};
