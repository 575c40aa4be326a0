/**
 * What every context that holds personal data offers the privacy context, so that a person's
 * rights (a copy, a correction, erasure) reach all of it without the privacy context knowing any
 * other context's tables. Each context implements it over its own store and exports it from its
 * `index.ts`; the privacy context composes them. Platform code: it names no context.
 */

/**
 * Whose data. `account`: a person with an account, by their subject (the token's `sub`).
 * `integration`: a person known only to an integration channel, by the keyed pseudonym of their
 * channel reference, which is what the contexts store as the owner of what they filed.
 */
export interface DataSubject {
  kind: 'account' | 'integration';
  id: string;
}

/** Why an item must be kept past an erasure request; each is told to the person in plain words. */
export const holdReasons = ['open-appeal', 'appeal-window', 'reward-appeal-window', 'open-incident', 'authority-order', 'accountability-record'] as const;
export type HoldReason = (typeof holdReasons)[number];

/** An item kept when its person asked for erasure: what, why, and until when if that is known. */
export interface HeldItem {
  /** `<context>.<kind of item>`, e.g. `moderation.appeal`. */
  category: string;
  itemId: string;
  reason: HoldReason;
  /** The reason as the person reads it. */
  explanation: string;
  /** ISO time at which the hold ends on its own, when it does. */
  until?: string;
}

export interface ErasureOutcome {
  /** Items whose personal fields were removed (or that were deleted) by this run. */
  erased: number;
  /** Items kept, each with its reason; erasure runs again for them when their hold ends. */
  held: HeldItem[];
}

/** The contact details a person may correct on what they filed and is still open. */
export interface ContactCorrection {
  email?: string;
  phone?: string;
  name?: string;
}

export interface PersonalDataHolder {
  /** The section's name in a person's export: the context's name. */
  readonly section: string;
  /**
   * Everything the context holds about the subject, decrypted, as plain JSON (its shape is the
   * section's documented schema). Internal notes and other people's data are left out.
   */
  exportOf(subject: DataSubject): Promise<unknown>;
  /** What must be kept if the subject's data were erased now, and why. */
  holdsOf(subject: DataSubject, now: Date): Promise<readonly HeldItem[]>;
  /**
   * Removes every personal field the context holds about the subject except what is held, so that
   * nothing of it can be read or decrypted again; figures (counters) are not touched. Idempotent:
   * a second run erases nothing more and reports the same holds.
   */
  erase(subject: DataSubject, now: Date): Promise<ErasureOutcome>;
  /** Replaces the contact details on the subject's open items; the number of items changed. */
  correctContact?(subject: DataSubject, correction: ContactCorrection, now: Date): Promise<number>;
  /**
   * Retention: removes the personal fields whose retention ended on `day` (YYYY-MM-DD, UTC), found
   * through the context's due-day index (never a Scan); the number of items changed. Items that
   * expire whole are left to the table's time to live instead.
   */
  expireDue?(day: string, now: Date): Promise<number>;
}
