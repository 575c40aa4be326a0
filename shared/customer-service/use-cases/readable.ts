import type { Caller } from '#shared/auth/caller.ts';
import { canRead, isComplaintWorker } from '#shared/customer-service/domain/access.ts';
import { ComplaintForbiddenError } from '#shared/customer-service/domain/complaint.ts';
import type { CustomerServicePorts, StaffAccess, StoredComplaint } from '#shared/customer-service/use-cases/ports.ts';
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

/** A staff read of someone's complaint, recorded before anything is decrypted. */
export const staffAccess = (
  { clock }: Pick<CustomerServicePorts, 'clock'>,
  caller: Caller,
  complaintId: string,
  reason: string | undefined,
  what: StaffAccess['what'],
): StaffAccess => ({
  complaintId,
  actorId: caller.sub,
  actorRoles: caller.roles,
  reason,
  at: clock.now().toISOString(),
  what,
});
