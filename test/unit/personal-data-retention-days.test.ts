import { describe, expect, it } from 'vitest';
import type { Actor, ComplaintState } from '#shared/customer-service/domain/complaint.ts';
import { addMessage } from '#shared/customer-service/domain/conversation.ts';
import { indexKeysOf } from '#shared/customer-service/domain/index-keys.ts';
import { changeStatus, fileComplaint } from '#shared/customer-service/domain/lifecycle.ts';
import { eraseComplaint, retentionDayOf } from '#shared/customer-service/domain/personal-data.ts';
import { slaPolicy as policy } from '#shared/customer-service/domain/sla-policy.ts';
import { freeTextRetentionDayOf } from '#shared/surveys/domain/personal-data.ts';

const user: Actor = { kind: 'user', id: 'user-owner' };
const agent: Actor = { kind: 'staff', id: 'agent-1' };
const at = (iso: string) => new Date(iso);

const filed = (): ComplaintState =>
  fileComplaint({ ownerId: user.id, origin: 'account', channel: 'web', category: 'billing', actor: user }, 'cmp_1', at('2026-01-31T10:00:00.000Z'), policy).state;

const resolved = (): ComplaintState => {
  const replied = addMessage(filed(), agent, { id: 'msg_1', visibility: 'public', body: 'Refunded' }, at('2026-01-31T11:00:00.000Z'), policy).state;
  return changeStatus(replied, agent, 'resolved', at('2026-01-31T12:00:00.000Z'), policy).state;
};

describe("a complaint's retention day", () => {
  it('starts at its resolution: 24 months later, clamped to the end of a shorter month', () => {
    expect(retentionDayOf(filed())).toBeUndefined();
    expect(retentionDayOf(resolved())).toBe('2028-01-31');
    expect(indexKeysOf(resolved(), policy).retention).toEqual({ partition: '2028-01-31', sort: 'cmp_1' });
  });

  it('starts at its closing when it was withdrawn unresolved, and is gone once reopened or erased', () => {
    const withdrawn = changeStatus(filed(), user, 'closed', at('2026-02-28T00:00:00.000Z'), policy).state;
    const reopened = changeStatus(resolved(), user, 'open', at('2026-02-01T09:00:00.000Z'), policy).state;
    const erased = eraseComplaint(resolved(), at('2026-02-01T09:00:00.000Z')).state;

    expect(retentionDayOf(withdrawn)).toBe('2028-02-28');
    expect(retentionDayOf(reopened)).toBeUndefined();
    expect(indexKeysOf(erased, policy).retention).toBeUndefined();
  });
});

describe('erasing a complaint', () => {
  it('closes an open one as erased, counted as a closing and raising no event', () => {
    const change = eraseComplaint(filed(), at('2026-02-01T09:00:00.000Z'));

    expect(change.state).toMatchObject({ status: 'closed', erasedAt: '2026-02-01T09:00:00.000Z', version: 2 });
    expect(change.history.map((line) => [line.action, line.details])).toEqual([
      ['closed', { from: 'received', reason: 'erased' }],
      ['erased', {}],
    ]);
    expect(change.counters).toEqual({ closed: 1, 'closed#erased': 1 });
    expect(change.backlog).toEqual({ received: -1, closed: 1 });
    expect(change.events).toEqual([]);
  });

  it('leaves a closed one closed, its figures untouched', () => {
    const closed = changeStatus(resolved(), agent, 'closed', at('2026-02-01T09:00:00.000Z'), policy).state;
    const change = eraseComplaint(closed, at('2026-03-01T09:00:00.000Z'));

    expect(change.state).toMatchObject({ status: 'closed', closedAt: closed.closedAt, erasedAt: '2026-03-01T09:00:00.000Z' });
    expect(change.history.map((line) => line.action)).toEqual(['erased']);
    expect(change.counters).toEqual({});
    expect(change.backlog).toEqual({});
  });
});

describe("a survey answer's free-text retention day", () => {
  it("is a month after the first day of the month after the answer's (its last edit's) month", () => {
    expect(freeTextRetentionDayOf({})).toBeUndefined();
    expect(freeTextRetentionDayOf({ respondedAt: '2026-11-01T00:30:00.000Z' })).toBe('2027-01-01');
    expect(freeTextRetentionDayOf({ respondedAt: '2026-12-31T23:59:59.000Z' })).toBe('2027-02-01');
    expect(freeTextRetentionDayOf({ respondedAt: '2026-11-30T23:00:00.000Z', revisedAt: '2026-12-01T08:00:00.000Z' })).toBe('2027-02-01');
  });
});
