import type { Caller } from '#shared/auth/caller.ts';
import { canRead, complaintWorkerRoles, isComplaintWorker } from '#shared/customer-service/domain/access.ts';
import { ComplaintForbiddenError } from '#shared/customer-service/domain/complaint.ts';
import type { CustomerServicePorts, StoredComplaint } from '#shared/customer-service/use-cases/ports.ts';
import { readingRoles, type ResourceKind, type StaffRead } from '#shared/access-log/index.ts';
import { NotFoundError } from '#shared/errors.ts';

/** Reads a complaint the caller may see; anyone else learns nothing, not even that it exists. */
export const readable = async ({ complaints }: Pick<CustomerServicePorts, 'complaints'>, caller: Caller, id: string): Promise<StoredComplaint> => {
  const stored = await complaints.get(id);
  if (!stored || !canRead(caller, stored.state)) throw new NotFoundError(`No complaint ${id}`);
  return stored;
};

export const requireWorker = (caller: Caller) => {
  if (!isComplaintWorker(caller)) throw new ComplaintForbiddenError('Only customer-service staff (agent, admin) may do this.');
};

/** The personal fields each kind of complaint read opens. */
const fieldsOpened = {
  complaint: ['subject', 'description', 'contact', 'relatedContentUrl', 'externalRef'],
  'complaint-messages': ['body'],
  'complaint-history': ['entries'],
  'work-queue-entry': ['subject'],
} as const satisfies Partial<Record<ResourceKind, readonly string[]>>;

/**
 * A staff read of people's complaints, for the access log (recorded before anything is returned):
 * one entry per complaint, about its owner.
 */
export const complaintRead = (
  caller: Caller,
  complaints: readonly Pick<StoredComplaint['state'], 'id' | 'ownerId'>[],
  kind: keyof typeof fieldsOpened,
  reason: string | undefined,
): StaffRead => ({
  staff: { id: caller.sub, roles: readingRoles(caller.roles, complaintWorkerRoles) },
  reason,
  opened: complaints.map((complaint) => ({ subjectId: complaint.ownerId, resource: { kind, id: complaint.id }, fields: fieldsOpened[kind] })),
});
