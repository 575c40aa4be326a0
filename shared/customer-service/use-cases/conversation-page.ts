import type { Caller } from '#shared/auth/caller.ts';
import { isComplaintWorker, isStaffRead } from '#shared/customer-service/domain/access.ts';
import { complaintPartition } from '#shared/customer-service/store/keys.ts';
import { conversationPageKeySchema } from '#shared/customer-service/store/page-keys.ts';
import type { CustomerServicePorts, PartitionPage } from '#shared/customer-service/use-cases/ports.ts';
import { complaintRead, readable } from '#shared/customer-service/use-cases/readable.ts';
import { LIST_LIMIT_DEFAULT, resumeAfter, type CursorScope, type CursorSeal } from '#shared/pagination.ts';

export type ConversationPart = 'MESSAGE#' | 'HISTORY#';
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** The list a cursor of a complaint's messages or history is sealed for, with its caller. */
export const conversationScope = (callerId: string, complaintId: string, part: ConversationPart, view: 'person' | 'channel' = 'person'): CursorScope => ({
  caller: callerId,
  list: `${view === 'channel' ? 'channel-' : ''}${part === 'MESSAGE#' ? 'messages' : 'history'}:${complaintId}`,
});

/** Where a page of a complaint's messages or history resumes: the cursor must be of that list, for that caller. */
export const conversationAfter = (cursors: CursorSeal, scope: CursorScope, cursor: string | undefined, complaintId: string, part: ConversationPart) =>
  resumeAfter(cursors, scope, cursor, conversationPageKeySchema, (key) => key.pk === complaintPartition(complaintId) && key.sk.startsWith(part));

/**
 * The page of a complaint's messages or history the caller may see (the owner: public items
 * only); a staff read of someone else's complaint is recorded first.
 */
export const conversationPage = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'clock' | 'cursors' | 'accessLog'>,
  caller: Caller,
  id: string,
  part: ConversationPart,
  query: PageRequest,
  accessReason: string | undefined,
): Promise<{ page: PartitionPage; staff: boolean; scope: CursorScope }> => {
  const stored = await readable(ports, caller, id);
  const staff = isComplaintWorker(caller);
  const scope = conversationScope(caller.sub, stored.state.id, part);
  const after = await conversationAfter(ports.cursors, scope, query.cursor, stored.state.id, part);
  if (isStaffRead(caller, stored.state)) {
    await ports.accessLog.record(complaintRead(caller, [stored.state], part === 'MESSAGE#' ? 'complaint-messages' : 'complaint-history', accessReason));
  }
  return { page: { limit: query.limit ?? LIST_LIMIT_DEFAULT, publicOnly: !staff, ...(after && { after }) }, staff, scope };
};
