import { ownerPartition } from '#shared/customer-service/domain/index-keys.ts';
import { ownerPageKeySchema } from '#shared/customer-service/store/page-keys.ts';
import type { PageRequest } from '#shared/customer-service/use-cases/conversation-page.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { openSummary } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';

/** The caller's own complaints, newest first, a page at a time; the cursor must be of their list. */
export const listOwnComplaints = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'policy' | 'cursors'>,
  caller: PersonCaller,
  query: PageRequest,
) => {
  const scope = { caller: caller.sub, list: 'complaints:owner' };
  const after = await resumeAfter(ports.cursors, scope, query.cursor, ownerPageKeySchema, (key) => key.gsi1pk === ownerPartition(caller.sub));
  const { items, lastKey } = await ports.complaints.listByOwner(caller.sub, { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(after && { after }) });
  const summaries = await Promise.all(items.map((stored) => openSummary(ports, stored, false)));
  return { items: summaries, nextCursor: await encodeCursor(ports.cursors, scope, lastKey) };
};
