import { isStaffRead } from '#shared/customer-service/domain/access.ts';
import { queuePartition } from '#shared/customer-service/domain/index-keys.ts';
import type { WorkQueueQuery } from '#shared/customer-service/http/schemas.ts';
import { queuePageKeySchema } from '#shared/customer-service/store/page-keys.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { requireWorker, staffAccess } from '#shared/customer-service/use-cases/readable.ts';
import { openSummary } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';

const assigneeOf = (caller: PersonCaller, assignee: WorkQueueQuery['assignee']) =>
  assignee === undefined ? undefined : assignee === 'none' ? null : assignee === 'me' ? caller.sub : assignee;

/**
 * One status's work queue for staff, soonest deadline first, narrowed by priority, channel,
 * category or assignee. The queue shows each complaint's subject, so every complaint shown is a
 * recorded staff read.
 */
export const workQueue = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'policy'>,
  caller: PersonCaller,
  query: WorkQueueQuery,
) => {
  requireWorker(caller);
  const after = resumeAfter(query.cursor, queuePageKeySchema, (key) => key.queuePk === queuePartition(query.status));
  const assigneeId = assigneeOf(caller, query.assignee);
  const { items, lastKey } = await ports.complaints.listQueue(
    query.status,
    {
      ...(query.priority && { priority: query.priority }),
      ...(query.channel && { channel: query.channel }),
      ...(query.category && { category: query.category }),
      ...(assigneeId !== undefined && { assigneeId }),
    },
    { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) },
  );
  await ports.complaints.recordStaffAccesses(
    items.filter((stored) => isStaffRead(caller, stored.state)).map((stored) => staffAccess(ports, caller, stored.state.id, undefined, 'work-queue')),
  );
  const summaries = await Promise.all(items.map((stored) => openSummary(ports, stored, true)));
  return { items: summaries, nextCursor: encodeCursor(lastKey) };
};
