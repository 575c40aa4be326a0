import { describe, expect, it } from 'vitest';
import {
  authorityOrderFiguresOf,
  confirmReceipt,
  memberStates,
  recordAuthorityOrder,
  recordEffect,
  type AuthorityOrderInput,
} from '#shared/moderation/domain/authority-order.ts';
import { ModerationConflictError, ModerationInvalidError } from '#shared/moderation/domain/index.ts';
import { promiseFiguresOf, rewardTimelinessCounters } from '#shared/moderation/domain/promise-figures.ts';
import type { AuthorityOrdersSection } from '#shared/transparency/domain/report.ts';

/**
 * The register of Member State orders (DSA Art. 9 and 10): recorded as received, receipt
 * confirmed, effect given, each step once and in order, every figure counted in the periods of
 * the order's receipt; and the report's section computed from those counters.
 */

const HOUR_MS = 3_600_000;
const RECEIVED = '2026-11-03T09:00:00.000Z';
const hoursAfter = (h: number) => new Date(Date.parse(RECEIVED) + h * HOUR_MS);
const input = (over: Partial<AuthorityOrderInput> = {}): AuthorityOrderInput => ({
  type: 'act',
  memberState: 'FR',
  authority: 'Tribunal judiciaire de Paris',
  category: 'fraud_or_scam',
  reference: 'RG 26/01234',
  receivedAt: RECEIVED,
  ...over,
});
const recorded = (over: Partial<AuthorityOrderInput> = {}) => recordAuthorityOrder(input(over), { id: 'aor_1', staffId: 'mod-1', now: hoursAfter(1) });

/** Every counter of the changes, added up as the figures store would. */
const sumOf = (...changes: Array<{ counters: Record<string, number> }>) => {
  const sum: Record<string, number> = {};
  for (const { counters } of changes) for (const [name, n] of Object.entries(counters)) sum[name] = (sum[name] ?? 0) + n;
  return sum;
};

describe('an authority order', () => {
  it('is recorded as received and counted by type, Member State and category', () => {
    // Act
    const { order, counters } = recorded();

    // Assess
    expect(order).toMatchObject({ id: 'aor_1', receivedAt: RECEIVED, recordedBy: 'mod-1', version: 1 });
    expect(order.confirmedAt).toBeUndefined();
    expect(counters).toEqual({ 'authorityOrders#type#act': 1, 'authorityOrders#memberState#FR': 1, 'authorityOrders#category#fraud_or_scam': 1 });
  });

  it('refuses a receipt in the future', () => {
    expect(() => recordAuthorityOrder(input({ receivedAt: hoursAfter(2).toISOString() }), { id: 'aor_1', staffId: 'mod-1', now: hoursAfter(1) })).toThrow(
      ModerationInvalidError,
    );
  });

  it('confirms receipt once, not before the receipt, and gives effect only after confirming', () => {
    // Prepare
    const { order } = recorded();

    // Act
    const confirmed = confirmReceipt(order, hoursAfter(3).toISOString(), hoursAfter(4));
    const effect = recordEffect(confirmed.order, hoursAfter(30).toISOString(), hoursAfter(31));

    // Assess
    expect(confirmed.order).toMatchObject({ confirmedAt: hoursAfter(3).toISOString(), version: 2 });
    expect(effect.order).toMatchObject({ effectGivenAt: hoursAfter(30).toISOString(), version: 3 });
    expect(() => confirmReceipt(confirmed.order, hoursAfter(4).toISOString(), hoursAfter(4))).toThrow(ModerationConflictError);
    expect(() => recordEffect(effect.order, hoursAfter(31).toISOString(), hoursAfter(31))).toThrow(ModerationConflictError);
    expect(() => recordEffect(order, hoursAfter(3).toISOString(), hoursAfter(4))).toThrow(/Confirm receipt/);
    expect(() => confirmReceipt(order, hoursAfter(-1).toISOString(), hoursAfter(4))).toThrow(ModerationInvalidError);
    expect(() => confirmReceipt(order, hoursAfter(5).toISOString(), hoursAfter(4))).toThrow(ModerationInvalidError);
    expect(() => recordEffect(confirmed.order, hoursAfter(2).toISOString(), hoursAfter(4))).toThrow(ModerationInvalidError);
  });
});

describe("the report's section on authority orders", () => {
  it('counts orders by type, every Member State and category, with the median hours to confirm and to give effect', () => {
    // Prepare: three orders, confirmed after 2, 4 and 30 hours; one given effect after 48 hours
    const changes = [
      recorded(),
      recorded({ type: 'provide_information', memberState: 'DE', category: 'privacy' }),
      recorded({ type: 'act', memberState: 'FR', category: 'false_information' }),
    ];
    const confirmations = [2, 4, 30].map((h, i) => confirmReceipt(changes[i]!.order, hoursAfter(h).toISOString(), hoursAfter(60)));
    const effect = recordEffect(confirmations[0]!.order, hoursAfter(48).toISOString(), hoursAfter(60));

    // Act
    const section: AuthorityOrdersSection = authorityOrderFiguresOf(sumOf(...changes, ...confirmations, effect));

    // Assess
    expect(section.received).toEqual({ act: 2, provideInformation: 1 });
    expect(Object.keys(section.byMemberState)).toEqual([...memberStates]);
    expect([section.byMemberState.FR, section.byMemberState.DE, section.byMemberState.IT]).toEqual([2, 1, 0]);
    expect(section.byCategory).toEqual({ fraud_or_scam: 1, false_information: 1, false_advertising: 0, privacy: 1, other: 0 });
    expect([section.medianHoursToConfirm, section.medianHoursToGiveEffect]).toEqual([4, 48]);
  });

  it('has no medians without orders', () => {
    expect(authorityOrderFiguresOf({})).toMatchObject({ received: { act: 0, provideInformation: 0 }, medianHoursToConfirm: null, medianHoursToGiveEffect: null });
  });
});

describe("trust and safety's promise figures", () => {
  it('counts a reward credited more than a day after it fell due as late', () => {
    const dueAt = RECEIVED;
    expect(rewardTimelinessCounters({ dueAt }, hoursAfter(23))).toEqual({});
    expect(rewardTimelinessCounters({ dueAt }, hoursAfter(25))).toEqual({ 'rewards#paidLate': 1 });
    expect(promiseFiguresOf({ 'contentReviews#submitted': 5, screened: 4, 'rewards#paid': 3, 'rewards#paidLate': 1 })).toEqual({
      contentReviews: { submitted: 5, screened: 4 },
      rewards: { credited: 3, creditedLate: 1 },
    });
  });
});
