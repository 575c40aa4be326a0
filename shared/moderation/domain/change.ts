/**
 * The parts of a change every command returns: history entries of the case, domain events for
 * the outbox and figure counters. The store writes a change in one transaction.
 */

type DetailValue = string | number | boolean;

export interface HistoryEntry {
  at: string;
  actor: { kind: 'user' | 'staff' | 'system'; id: string };
  action: string;
  details: Record<string, DetailValue>;
}

export interface DomainEvent {
  type: string;
  at: string;
  detail: Record<string, DetailValue | string[]>;
}

export type Counters = Record<string, number>;

export const iso = (at: Date) => at.toISOString();
