import { isStaffRead } from '#shared/customer-service/domain/access.ts';
import { queuePartition } from '#shared/customer-service/domain/index-keys.ts';
import type { WorkQueueQuery } from '#shared/customer-service/http/schemas.ts';
import { queuePageKeySchema } from '#shared/customer-service/store/page-keys.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { requireAccessReason } from '#shared/access-log/index.ts';
import { complaintRead, requireWorker } from '#shared/customer-service/use-cases/readable.ts';
import { openSummary } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';

/** A work queue's cursor is of its status and its filters: other filters make another list. */
const workQueueList = ({ status, priority, channel, category, assignee }: WorkQueueQuery) =>
  `work-queue:${JSON.stringify([status, priority ?? null, channel ?? null, category ?? null, assignee ?? null])}`;

const assigneeOf = (caller: PersonCaller, assignee: WorkQueueQuery['assignee']) =>
  assignee === undefined ? undefined : assignee === 'none' ? null : assignee === 'me' ? caller.sub : assignee;

/**
 * One status's work queue for staff, soonest deadline first, narrowed by priority, channel,
 * category or assignee. The queue shows each complaint's subject, so every complaint shown is a
 * recorded staff read, and the queue is read only with a reason.
 */
export const workQueue = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'policy' | 'cursors' | 'accessLog'>,
  caller: PersonCaller,
  query: WorkQueueQuery,
  accessReason: string | undefined,
) => {
  requireWorker(caller);
  const scope = { caller: caller.sub, list: workQueueList(query) };
  const after = await resumeAfter(ports.cursors, scope, query.cursor, queuePageKeySchema, (key) => key.queuePk === queuePartition(query.status));
  requireAccessReason(accessReason);
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
  const othersComplaints = items.filter((stored) => isStaffRead(caller, stored.state)).map((stored) => stored.state);
  await ports.accessLog.record(complaintRead(caller, othersComplaints, 'work-queue-entry', accessReason));
  const summaries = await Promise.all(items.map((stored) => openSummary(ports, stored, true)));
  return { items: summaries, nextCursor: await encodeCursor(ports.cursors, scope, lastKey) };
};
