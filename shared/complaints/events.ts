import type { Logger } from '@aws-lambda-powertools/logger';
import type { Change } from '#shared/complaints/domain.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';

export type EventLogger = Pick<Logger, 'warn'>;

/**
 * Publishes a committed change's domain events. A failed publish does not undo the change (the
 * reply is stored, the breach is marked); it is logged, without personal data, for the alarm on
 * the function's logged errors.
 */
export const publishChange = async (publisher: EventPublisher, logger: EventLogger, change: Change): Promise<void> => {
  if (change.events.length === 0) return;
  try {
    await publisher.publish(change.events);
  } catch (error) {
    logger.warn('Domain events not published', {
      complaintId: change.state.id,
      eventTypes: change.events.map((e) => e.type),
      errorName: (error as Error).name,
    });
  }
};
