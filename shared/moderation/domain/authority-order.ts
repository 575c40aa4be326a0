import { countersByKey, firstResponseBucket, quantileMinutesOf } from '#shared/figures/histogram.ts';
import type { Counters } from '#shared/moderation/domain/change.ts';
import { ModerationConflictError, ModerationInvalidError } from '#shared/moderation/domain/errors.ts';
import { noticeCategories, type NoticeCategory } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Orders from the judicial or administrative authorities of the Member States (DSA Art. 9: to act
 * against illegal content; Art. 10: to provide information about recipients). The platform
 * records each order as received, confirms its receipt to the authority, then records the effect
 * given, all without undue delay. An order holds no person's data: the authority, its Member State,
 * its reference and the category of content concerned.
 *
 * Every figure of an order is counted in the periods of its receipt, so that a quarter's figures
 * (template 1.2 of Implementing Regulation (EU) 2024/2835) speak of the orders received in it.
 */

export const authorityOrderTypes = ['act', 'provide_information'] as const;
type AuthorityOrderType = (typeof authorityOrderTypes)[number];

/** The Member States of the EU, by their ISO 3166-1 alpha-2 codes (Greece is GR here, EL in EU usage). */
export const memberStates = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const;
type MemberState = (typeof memberStates)[number];

export interface AuthorityOrderState {
  id: string;
  type: AuthorityOrderType;
  memberState: MemberState;
  /** The issuing authority's name, as it signs the order. */
  authority: string;
  category: NoticeCategory;
  /** The authority's reference of the order. */
  reference: string;
  receivedAt: string;
  recordedAt: string;
  recordedBy: string;
  /** When the platform confirmed receipt to the authority. */
  confirmedAt?: string;
  /** When the platform informed the authority of the effect given to the order. */
  effectGivenAt?: string;
  version: number;
}

export type AuthorityOrderInput = Pick<AuthorityOrderState, 'type' | 'memberState' | 'authority' | 'category' | 'reference' | 'receivedAt'>;

export interface AuthorityOrderChange {
  order: AuthorityOrderState;
  /** Counted in the periods of the order's receipt. */
  counters: Counters;
}

const PREFIX = 'authorityOrders#';
const CONFIRM_PREFIX = `${PREFIX}toConfirm#`;
const EFFECT_PREFIX = `${PREFIX}toEffect#`;

const notInTheFuture = (field: string, at: string, now: Date) => {
  if (Date.parse(at) > now.getTime()) throw new ModerationInvalidError(field, 'Must not be in the future');
};

const notBefore = (field: string, at: string, earlier: { field: string; at: string }) => {
  if (Date.parse(at) < Date.parse(earlier.at)) throw new ModerationInvalidError(field, `Must not be before ${earlier.field}`);
};

/** A new order, as received; the staff member who records it is named in the register only. */
export const recordAuthorityOrder = (input: AuthorityOrderInput, meta: { id: string; staffId: string; now: Date }): AuthorityOrderChange => {
  notInTheFuture('receivedAt', input.receivedAt, meta.now);
  const receivedAt = new Date(input.receivedAt).toISOString();
  return {
    order: { id: meta.id, ...input, receivedAt, recordedAt: meta.now.toISOString(), recordedBy: meta.staffId, version: 1 },
    counters: {
      [`${PREFIX}type#${input.type}`]: 1,
      [`${PREFIX}memberState#${input.memberState}`]: 1,
      [`${PREFIX}category#${input.category}`]: 1,
    },
  };
};

/** Receipt confirmed to the authority, once, at `at` (not before receipt, not in the future). */
export const confirmReceipt = (order: AuthorityOrderState, at: string, now: Date): AuthorityOrderChange => {
  if (order.confirmedAt) throw new ModerationConflictError('receipt-confirmed', `Receipt was confirmed at ${order.confirmedAt}`);
  notInTheFuture('confirmedAt', at, now);
  notBefore('confirmedAt', at, { field: 'receivedAt', at: order.receivedAt });
  const confirmedAt = new Date(at).toISOString();
  return {
    order: { ...order, confirmedAt, version: order.version + 1 },
    counters: { [`${CONFIRM_PREFIX}${firstResponseBucket(Date.parse(confirmedAt) - Date.parse(order.receivedAt))}`]: 1 },
  };
};

/** The effect given, once, after receipt was confirmed. */
export const recordEffect = (order: AuthorityOrderState, at: string, now: Date): AuthorityOrderChange => {
  if (order.effectGivenAt) throw new ModerationConflictError('effect-recorded', `The effect was recorded at ${order.effectGivenAt}`);
  if (!order.confirmedAt) throw new ModerationConflictError('confirm-receipt-first', 'Confirm receipt to the authority first');
  notInTheFuture('effectGivenAt', at, now);
  notBefore('effectGivenAt', at, { field: 'confirmedAt', at: order.confirmedAt });
  const effectGivenAt = new Date(at).toISOString();
  return {
    order: { ...order, effectGivenAt, version: order.version + 1 },
    counters: { [`${EFFECT_PREFIX}${firstResponseBucket(Date.parse(effectGivenAt) - Date.parse(order.receivedAt))}`]: 1 },
  };
};

/**
 * What the transparency report states of the orders of a period (its AuthorityOrdersSection, the
 * same shape: the report's context owns that type, and it reads this one through the index).
 */
export interface AuthorityOrderFigures {
  received: { act: number; provideInformation: number };
  byMemberState: Record<string, number>;
  byCategory: Record<string, number>;
  medianHoursToConfirm: number | null;
  medianHoursToGiveEffect: number | null;
}

const hoursOf = (minutes: number | null) => (minutes === null ? null : minutes / 60);

/**
 * The report's section on authority orders from the moderation counters of a period (a quarter):
 * orders received by type, Member State and category (every value, zero or not), and the median
 * hours from receipt to confirming it and to giving effect (the upper edge of the histogram bucket).
 */
export const authorityOrderFiguresOf = (counters: Counters): AuthorityOrderFigures => ({
  received: { act: counters[`${PREFIX}type#act`] ?? 0, provideInformation: counters[`${PREFIX}type#provide_information`] ?? 0 },
  byMemberState: countersByKey(counters, `${PREFIX}memberState#`, memberStates),
  byCategory: countersByKey(counters, `${PREFIX}category#`, noticeCategories),
  medianHoursToConfirm: hoursOf(quantileMinutesOf(counters, CONFIRM_PREFIX, 0.5)),
  medianHoursToGiveEffect: hoursOf(quantileMinutesOf(counters, EFFECT_PREFIX, 0.5)),
});
