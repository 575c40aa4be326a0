import type { Actor, Change, ComplaintState, ComplaintStatus } from '#shared/customer-service/domain/complaint.ts';
import { addChannelAnswer, addMessage, type NewMessage } from '#shared/customer-service/domain/conversation.ts';
import { deadlines } from '#shared/customer-service/domain/deadlines.ts';
import { indexKeysOf, type ComplaintIndexKeys } from '#shared/customer-service/domain/index-keys.ts';
import { assign, changeStatus, claim, fileComplaint, setPriority, type Filing } from '#shared/customer-service/domain/lifecycle.ts';
import { sweep } from '#shared/customer-service/domain/sla-sweep.ts';
import { contactCorrected, eraseComplaint } from '#shared/customer-service/domain/personal-data.ts';
import type { Priority, SlaPolicy } from '#shared/customer-service/domain/sla-policy.ts';

/**
 * The complaint's commands under one SLA policy, each answering everything its request needs from
 * the domain in one visit: the change, the index keys of the new state, and for a filing the
 * receipt the person is given.
 */

/** A change together with the keys under which the changed complaint is found. */
export interface Decision extends Change {
  indexes: ComplaintIndexKeys;
}

/** What the person is told at filing: the status, the priority, and when they will hear back at the latest. */
export interface Receipt {
  id: string;
  status: ComplaintStatus;
  priority: Priority;
  createdAt: string;
  firstResponseDueAt: string;
  commitmentDueAt: string;
}

export const receiptOf = (state: ComplaintState, policy: SlaPolicy): Receipt => {
  const due = deadlines(state, new Date(state.createdAt), policy);
  return {
    id: state.id,
    status: state.status,
    priority: state.priority,
    createdAt: state.createdAt,
    firstResponseDueAt: due.firstResponse!,
    commitmentDueAt: due.commitment!,
  };
};

export const complaintDecisions = (policy: SlaPolicy) => {
  const decided = (change: Change): Decision => ({ ...change, indexes: indexKeysOf(change.state, policy) });
  return {
    file: (filing: Filing, id: string, now: Date): Decision & { receipt: Receipt } => {
      const decision = decided(fileComplaint(filing, id, now, policy));
      return { ...decision, receipt: receiptOf(decision.state, policy) };
    },
    claim: (state: ComplaintState, agent: Actor, now: Date) => decided(claim(state, agent, now)),
    assign: (state: ComplaintState, staff: Actor, assigneeId: string | null, now: Date) =>
      decided(assign(state, staff, assigneeId, now)),
    setPriority: (state: ComplaintState, staff: Actor, priority: Priority, now: Date) =>
      decided(setPriority(state, staff, priority, now)),
    changeStatus: (state: ComplaintState, actor: Actor, to: ComplaintStatus, now: Date) =>
      decided(changeStatus(state, actor, to, now, policy)),
    addMessage: (state: ComplaintState, author: Actor, message: NewMessage, now: Date) =>
      decided(addMessage(state, author, message, now, policy)),
    addChannelAnswer: (state: ComplaintState, person: Actor, message: NewMessage, now: Date) =>
      decided(addChannelAnswer(state, person, message, now, policy)),
    /** Erasure of the complaint's personal data (by request or by retention): personal-data.ts. */
    erase: (state: ComplaintState, now: Date) => decided(eraseComplaint(state, now)),
    correctContact: (state: ComplaintState, person: Actor, now: Date) => decided(contactCorrected(state, person, now)),
    /** What fell due on the complaint at `now`; undefined when nothing did. */
    sweep: (state: ComplaintState, now: Date): Decision | undefined => {
      const change = sweep(state, now, policy);
      return change && decided(change);
    },
  };
};

export type ComplaintDecisions = ReturnType<typeof complaintDecisions>;
