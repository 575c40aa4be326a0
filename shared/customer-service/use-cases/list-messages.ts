import { conversationPage, type PageRequest } from '#shared/customer-service/use-cases/conversation-page.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { openMessage } from '#shared/customer-service/use-cases/views.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';
import { encodeCursor } from '#shared/pagination.ts';

/** A page of the complaint's conversation, oldest first: the owner sees the public messages, staff every one. */
export const listMessages = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'cursors' | 'accessLog'>,
  caller: PersonCaller,
  id: string,
  query: PageRequest,
  accessReason?: string,
) => {
  const { page, staff, scope } = await conversationPage(ports, caller, id, 'MESSAGE#', query, accessReason);
  const { items, lastKey } = await ports.complaints.listMessages(id, page);
  return { items: await Promise.all(items.map((message) => openMessage(ports, message, staff))), nextCursor: await encodeCursor(ports.cursors, scope, lastKey) };
};
