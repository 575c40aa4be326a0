import type { IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';
import { channelComplaint } from '#shared/customer-service/use-cases/channel-complaint.ts';
import type { Caller } from '#shared/auth/caller.ts';
import { conversationAfter, conversationScope, type PageRequest } from '#shared/customer-service/use-cases/conversation-page.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { openMessage } from '#shared/customer-service/use-cases/views.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/** The public conversation, as the person sees it (staff unnamed): what the integration passes on. */
export const listChannelMessages = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'cursors'>,
  caller: Pick<Caller, 'sub'>,
  channel: IntegrationChannel,
  id: string,
  query: PageRequest,
) => {
  const stored = await channelComplaint(ports, channel, id);
  const scope = conversationScope(caller.sub, stored.state.id, 'MESSAGE#', 'channel');
  const after = await conversationAfter(ports.cursors, scope, query.cursor, stored.state.id, 'MESSAGE#');
  const { items, lastKey } = await ports.complaints.listMessages(id, {
    limit: query.limit ?? LIST_LIMIT_DEFAULT,
    publicOnly: true,
    ...(after && { after }),
  });
  return { items: await Promise.all(items.map((message) => openMessage(ports, message, false))), nextCursor: await encodeCursor(ports.cursors, scope, lastKey) };
};
