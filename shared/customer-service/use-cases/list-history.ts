import { conversationPage, type PageRequest } from '#shared/customer-service/use-cases/conversation-page.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { historyView } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import { encodeCursor } from '#shared/pagination.ts';

/** A page of the complaint's audit trail, oldest first: the owner sees the public lines, staff every one. */
export const listHistory = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'clock' | 'cursors' | 'accessLog'>,
  caller: PersonCaller,
  id: string,
  query: PageRequest,
  accessReason?: string,
) => {
  const { page, staff, scope } = await conversationPage(ports, caller, id, 'HISTORY#', query, accessReason);
  const { items, lastKey } = await ports.complaints.listHistory(id, page);
  return { items: items.map((entry) => historyView(entry, staff)), nextCursor: await encodeCursor(ports.cursors, scope, lastKey) };
};
