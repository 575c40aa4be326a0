import type { Priority } from '#shared/customer-service/domain/sla-policy.ts';
import type { SlaState } from '#shared/customer-service/domain/sla-clock.ts';

/**
 * The complaint: its classifications, its state (no personal data), its personal fields, the
 * parties that act on it, and the change a command makes. The commands live in lifecycle.ts,
 * conversation.ts and sla-sweep.ts; each returns a whole Change, written in one transaction.
 */

export const channels = ['web', 'app', 'social', 'email', 'phone'] as const;
/** Channels on which people file with their own token; the others come only through integrations. */
export const personChannels = ['web', 'app'] as const;
export const categories = ['service_quality', 'privacy', 'security', 'fraud', 'content', 'billing', 'other'] as const;
export const statuses = ['received', 'open', 'waiting_on_user', 'resolved', 'closed'] as const;
/** Channels that integrations file through on behalf of people without a token. */
export const integrationChannels = ['social', 'email', 'phone'] as const;
export type IntegrationChannel = (typeof integrationChannels)[number];

export type Channel = (typeof channels)[number];
export type Category = (typeof categories)[number];
export type ComplaintStatus = (typeof statuses)[number];

/** Statuses in which the complaint still needs work; SLA clocks only run in these. */
export const activeStatuses: readonly ComplaintStatus[] = ['received', 'open', 'waiting_on_user'];

/** The fields that identify or describe a person; they never leave the domain unencrypted. */
export interface ComplaintPersonalData {
  subject: string;
  description: string;
  contact?: { email?: string; phone?: string };
  relatedContentUrl?: string;
  /** Who filed through an integration: a social handle, an email address, a phone number. */
  externalRef?: string;
}

/** Everything about a complaint that is not personal data. */
export interface ComplaintState {
  id: string;
  /** The account's subject, or a keyed pseudonym of the external reference for integrations. */
  ownerId: string;
  origin: 'account' | 'integration';
  channel: Channel;
  category: Category;
  priority: Priority;
  status: ComplaintStatus;
  createdAt: string;
  updatedAt: string;
  /** Optimistic lock: every write expects the version it read. */
  version: number;
  assigneeId?: string;
  firstRespondedAt?: string;
  /** Active time (waiting on the user excluded) from filing to the first public staff reply. */
  firstResponseMs?: number;
  /** Whether the 24-hour promise was kept; decided once, by the reply or by the sweep. */
  commitment?: 'met' | 'missed';
  resolvedAt?: string;
  closedAt?: string;
  reopenedCount: number;
  sla: SlaState;
  /** When its personal fields and conversation were erased (the person's request, or retention). */
  erasedAt?: string;
}

type ActorKind = 'user' | 'staff' | 'integration' | 'system';
export interface Actor {
  kind: ActorKind;
  id: string;
}
export const systemActor: Actor = { kind: 'system', id: 'sla-sweep' };

export type Visibility = 'public' | 'staff';
export type DetailValue = string | number | boolean;

/** One line of the append-only audit trail: who did what, when; `public` lines are shown to the user. */
export interface HistoryEntry {
  at: string;
  actor: Actor;
  action: string;
  visibility: Visibility;
  details: Record<string, DetailValue>;
}

export interface Message {
  id: string;
  author: Actor;
  /** `public`: a reply the user sees; `internal`: a note for staff only. */
  visibility: 'public' | 'internal';
  createdAt: string;
  body: string;
}

const complaintEventTypes = [
  'complaint.received',
  'complaint.responded',
  'complaint.sla-warning',
  'complaint.sla-breached',
  'complaint.escalated',
  'complaint.resolved',
  'complaint.reopened',
  'complaint.closed',
] as const;
export type ComplaintEventType = (typeof complaintEventTypes)[number];

/** A domain event: identifiers, classifications and times only, never personal data. */
export interface DomainEvent {
  type: ComplaintEventType;
  at: string;
  detail: Record<string, DetailValue | string[]>;
}

export interface Change {
  state: ComplaintState;
  history: HistoryEntry[];
  events: DomainEvent[];
  /** Counters to add to the figures of the period containing `state.updatedAt`. */
  counters: Record<string, number>;
  /** Changes to the current backlog by status. */
  backlog: Partial<Record<ComplaintStatus, number>>;
  message?: Message;
}

/** A command the complaint's state does not allow (answered 409, with the reason). */
export class ComplaintConflictError extends Error {
  override name = 'ComplaintConflictError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** A command the caller may not give on this complaint (answered 403). */
export class ComplaintForbiddenError extends Error {
  override name = 'ComplaintForbiddenError';
}
