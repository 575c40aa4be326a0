import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { ConflictOfInterestError } from '#shared/errors.ts';
import type { Actor, ComplaintState } from '#shared/customer-service/domain/complaint.ts';

/**
 * Who may see and work a complaint: its owner, and the staff who work complaints. Everyone else
 * learns nothing about it, not even that it exists.
 */

/** Staff who work complaints. Other staff roles (moderators, security, comms) do not see them. */
export const complaintWorkerRoles = ['agent', 'admin'] as const;
/** Who may read the customer-service figures. */
export const figuresReaderRoles = ['agent', 'admin', 'comms'] as const;

export const isComplaintWorker = (caller: Caller): boolean =>
  caller.kind === 'person' && hasRole(caller, ...complaintWorkerRoles);

/** Object-level authorisation: the owner, or staff who work complaints. Everyone else sees nothing. */
export const canRead = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>): boolean =>
  caller.kind === 'person' && (complaint.ownerId === caller.sub || isComplaintWorker(caller));

/** A read of someone else's complaint by staff is recorded (who, what, why, when). */
export const isStaffRead = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>): boolean =>
  complaint.ownerId !== caller.sub && isComplaintWorker(caller);

/** The acting party: the owner is always the complainant on their own complaint, staff or not. */
export const actorFor = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>): Actor =>
  complaint.ownerId === caller.sub ? { kind: 'user', id: caller.sub } : { kind: 'staff', id: caller.sub };

/** Separation of duties: staff do not work (claim, assign, prioritise) a complaint they filed. */
export const requireNotOwnComplaint = (caller: Caller, complaint: Pick<ComplaintState, 'ownerId'>) => {
  if (complaint.ownerId === caller.sub) {
    throw new ConflictOfInterestError('complainant', 'You filed this complaint: another member of staff must work it.');
  }
};
