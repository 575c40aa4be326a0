import type { PublishableEvent } from '#shared/events/publisher.ts';
import type { TransactItem } from '#shared/aws/table.ts';
import type { SurveyOutbox } from '#shared/surveys/use-cases/ports.ts';

/**
 * A write that only its first writer makes (it answers false to the others), with the domain
 * events it raises: they are staged in the outbox item of the write's own transaction, so only
 * the call that made the write has them published (by the stream relay). A call that lost wrote
 * nothing, so it publishes nothing. `changeId` names the change in the events' ids (`<changeId>:<n>`).
 */
export const commitOnce = (
  outbox: SurveyOutbox,
  change: { events: readonly PublishableEvent[]; at: Date; changeId?: string },
  write: (outboxItems: TransactItem[]) => Promise<boolean>,
): Promise<boolean> => write(outbox.stage(change.events, change.at, change.changeId).items);
