import type { Logger } from '@aws-lambda-powertools/logger';
import type { Change } from '#shared/complaints/domain.ts';
import { outboxEventsOf, type ComplaintRepository, type OutboxEvent, type StoredComplaint } from '#shared/complaints/repository.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';

export type EventLogger = Pick<Logger, 'warn'>;

/**
 * Relays domain events from the outbox to the event bus. A change's events are written with it,
 * in its transaction; the request that made the change publishes them right after the commit
 * and empties the outbox. If that fails (the bus is unreachable, the function stops), the change
 * stands and the SLA sweep relays what is left a minute later. Delivery is at least once: each
 * event carries a stable `eventId` for consumers to drop repeats.
 */
export const createEventRelay = (deps: { repository: ComplaintRepository; publisher: EventPublisher; logger: EventLogger }) => {
  const { repository, publisher, logger } = deps;

  const publish = (events: readonly OutboxEvent[]) =>
    publisher.publish(events.map(({ eventId, type, at, detail }) => ({ type, at, detail: { ...detail, eventId } })));

  return {
    /** Publishes the events of a change just committed; on failure leaves them for the sweep. */
    async afterCommit(change: Change): Promise<void> {
      const events = outboxEventsOf(change);
      if (events.length === 0) return;
      try {
        await publish(events);
        await repository.settleOutbox(change.state, events);
      } catch (error) {
        logger.warn('Domain events left in the outbox for the sweep', {
          complaintId: change.state.id,
          eventTypes: events.map((e) => e.type),
          errorName: (error as Error).name,
        });
      }
    },

    /** Publishes whatever the complaint's outbox still holds; returns how many events. */
    async relayPending(stored: StoredComplaint): Promise<number> {
      const events = await repository.outbox(stored.state.id);
      if (events.length > 0) await publish(events);
      await repository.settleOutbox(stored.state, events);
      return events.length;
    },
  };
};

export type EventRelay = ReturnType<typeof createEventRelay>;
