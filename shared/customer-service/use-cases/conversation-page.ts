import type { Caller } from '#shared/auth/caller.ts';
import { isComplaintWorker, isStaffRead } from '#shared/customer-service/domain/access.ts';
import { complaintPartition } from '#shared/customer-service/store/keys.ts';
import { conversationPageKeySchema } from '#shared/customer-service/store/page-keys.ts';
import type { CustomerServicePorts, PartitionPage } from '#shared/customer-service/use-cases/ports.ts';
import { readable, staffAccess } from '#shared/customer-service/use-cases/readable.ts';
import { LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';

export type ConversationPart = 'MESSAGE#' | 'HISTORY#';
export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** Where a page of a complaint's messages or history resumes: the cursor must be of that list. */
export const conversationAfter = (cursor: string | undefined, complaintId: string, part: ConversationPart) =>
  resumeAfter(cursor, conversationPageKeySchema, (key) => key.pk === complaintPartition(complaintId) && key.sk.startsWith(part));

/**
 * The page of a complaint's messages or history the caller may see (the owner: public items
 * only); a staff read of someone else's complaint is recorded first.
 */
export const conversationPage = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'clock'>,
  caller: Caller,
  id: string,
  part: ConversationPart,
  query: PageRequest,
  accessReason: string | undefined,
): Promise<{ page: PartitionPage; staff: boolean }> => {
  const stored = await readable(ports, caller, id);
  const staff = isComplaintWorker(caller);
  const after = conversationAfter(query.cursor, stored.state.id, part);
  if (isStaffRead(caller, stored.state)) {
    await ports.complaints.recordStaffAccess(staffAccess(ports, caller, id, accessReason, part === 'MESSAGE#' ? 'messages' : 'history'));
  }
  return { page: { limit: query.limit ?? LIST_LIMIT_DEFAULT, publicOnly: !staff, ...(after && { after }) }, staff };
};
