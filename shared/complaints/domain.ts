import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { HOUR_MS } from '#shared/clock.ts';
import type { categories, channels, CreateComplaintRequest, statuses } from '#shared/complaints/schemas.ts';

/** The platform's promise: every complaint gets a first response within 24 hours. */
export const FIRST_RESPONSE_HOURS = 24;

export type Channel = (typeof channels)[number];
export type Category = (typeof categories)[number];
export type ComplaintStatus = (typeof statuses)[number];

/** The fields that identify or describe a person; they never leave the domain unencrypted. */
export interface ComplaintPersonalData {
  subject: string;
  description: string;
  contact?: { email?: string; phone?: string };
  relatedContentUrl?: string;
}

export interface Complaint {
  id: string;
  ownerId: string;
  channel: Channel;
  category: Category;
  status: ComplaintStatus;
  createdAt: string;
  updatedAt: string;
  firstResponseDueAt: string;
  personal: ComplaintPersonalData;
}

export const firstResponseDue = (createdAt: Date): Date => new Date(createdAt.getTime() + FIRST_RESPONSE_HOURS * HOUR_MS);

export const fileComplaint = (input: CreateComplaintRequest, owner: Caller, id: string, now: Date): Complaint => {
  const createdAt = now.toISOString();
  return {
    id,
    ownerId: owner.sub,
    channel: input.channel,
    category: input.category,
    status: 'received',
    createdAt,
    updatedAt: createdAt,
    firstResponseDueAt: firstResponseDue(now).toISOString(),
    personal: {
      subject: input.subject,
      description: input.description,
      ...(input.contact && { contact: input.contact }),
      ...(input.relatedContentUrl && { relatedContentUrl: input.relatedContentUrl }),
    },
  };
};

/** Staff who work complaints may read any of them. */
export const complaintReaderRoles = ['agent', 'admin'] as const;

/** Object-level authorisation: the owner, or staff who work complaints. Everyone else sees nothing. */
export const canRead = (caller: Caller, complaint: Pick<Complaint, 'ownerId'>): boolean =>
  complaint.ownerId === caller.sub || hasRole(caller, ...complaintReaderRoles);

/** A read of someone else's complaint by staff is recorded (who, what, why, when). */
export const isStaffRead = (caller: Caller, complaint: Pick<Complaint, 'ownerId'>): boolean =>
  complaint.ownerId !== caller.sub && hasRole(caller, ...complaintReaderRoles);
