import {
  ComplaintConflictError,
  type Actor,
  type Change,
  type ComplaintEventType,
  type ComplaintState,
  type ComplaintStatus,
  type DetailValue,
  type DomainEvent,
  type HistoryEntry,
  type Visibility,
} from '#shared/customer-service/domain/complaint.ts';

/** The building blocks of a Change: history lines, events, counters, the next version of the state. */

export const iso = (at: Date) => at.toISOString();

export const statusMove = (from: ComplaintStatus, to: ComplaintStatus): Change['backlog'] =>
  from === to ? {} : { [from]: -1, [to]: 1 };

export const entry = (
  at: Date,
  actor: Actor,
  action: string,
  visibility: Visibility,
  details: Record<string, DetailValue> = {},
): HistoryEntry => ({ at: iso(at), actor, action, visibility, details });

export const event = (type: ComplaintEventType, at: Date, state: ComplaintState, detail: DomainEvent['detail'] = {}): DomainEvent => ({
  type,
  at: iso(at),
  detail: { complaintId: state.id, channel: state.channel, category: state.category, priority: state.priority, ...detail },
});

export const merge = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

export const touch = (state: ComplaintState, now: Date, patch: Partial<ComplaintState>): ComplaintState => ({
  ...state,
  ...patch,
  updatedAt: iso(now),
  version: state.version + 1,
});

export const noChange = (state: ComplaintState, now: Date): Change => ({
  state: touch(state, now, {}),
  history: [],
  events: [],
  counters: {},
  backlog: {},
});

export const requireNotClosed = (state: ComplaintState) => {
  if (state.status === 'closed') {
    throw new ComplaintConflictError('complaint-closed', 'The complaint is closed; file a new complaint.');
  }
};

