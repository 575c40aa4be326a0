import type { DataSubject, HeldItem } from '#shared/personal-data/holder.ts';

/**
 * A legal hold placed by privacy staff on everything held about one subject: an authority ordered
 * it kept, or an open security incident needs it. While a hold is active, an erasure of the
 * subject erases nothing and tells the person why (the authority's reference is shown to staff
 * only: some orders must not be disclosed to the person).
 */
export const manualHoldReasons = ['authority-order', 'open-incident'] as const;
export type ManualHoldReason = (typeof manualHoldReasons)[number];

export interface LegalHold {
  id: string;
  subject: DataSubject;
  reason: ManualHoldReason;
  /** The order's or the incident's reference, for staff. */
  reference: string;
  placedBy: string;
  placedAt: string;
  /** When the hold ends on its own; until released otherwise. */
  until?: string;
  releasedAt?: string;
  releasedBy?: string;
}

export const isActive = (hold: LegalHold, now: Date): boolean => !hold.releasedAt && (!hold.until || Date.parse(hold.until) > now.getTime());

const explanations: Record<ManualHoldReason, string> = {
  'authority-order': 'A public authority has ordered the platform to keep this data; it is erased when the order ends.',
  'open-incident': 'This data is part of an open security investigation; it is erased when the investigation closes.',
};

/** The item a person is told about for a hold on all of their data. */
export const heldItemOf = (hold: LegalHold): HeldItem => ({
  category: 'privacy.legal-hold',
  itemId: hold.id,
  reason: hold.reason,
  explanation: explanations[hold.reason],
  ...(hold.until && { until: hold.until }),
});

export class LegalHoldStateError extends Error {
  override name = 'LegalHoldStateError';
}

export const release = (hold: LegalHold, staffId: string, now: Date): LegalHold => {
  if (hold.releasedAt) throw new LegalHoldStateError('The legal hold was already released.');
  return { ...hold, releasedAt: now.toISOString(), releasedBy: staffId };
};
