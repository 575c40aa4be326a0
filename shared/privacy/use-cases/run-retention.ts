import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import type { PrivacyStore } from '#shared/privacy/store/request-store.ts';

const DAY_MS = 86_400_000;
/**
 * The first day any retention could end: due days are set from the retention policy when its
 * clock starts, always in the future, and the policy took effect then. The first run starts here.
 */
const RETENTION_EPOCH_DAY = '2026-12-01';

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The daily retention job: for each day from the one after the last completed run up to today,
 * asks every context to remove the personal fields due that day (through its due-day index, never
 * a Scan), then records the day as done. A failed day stops the run there; the next run starts
 * again from it (each context's removal is idempotent).
 */
export const runRetention = async (
  ports: { store: Pick<PrivacyStore, 'retentionCursor' | 'setRetentionCursor'>; holders: readonly PersonalDataHolder[] },
  now: Date,
): Promise<{ days: string[]; itemsChanged: number }> => {
  const today = dayOf(now.getTime());
  const last = await ports.store.retentionCursor();
  const first = Date.parse(`${last ?? RETENTION_EPOCH_DAY}T00:00:00Z`) + (last ? DAY_MS : 0);
  const days: string[] = [];
  let itemsChanged = 0;
  for (let t = first; dayOf(t) <= today; t += DAY_MS) {
    const day = dayOf(t);
    for (const holder of ports.holders) if (holder.expireDue) itemsChanged += await holder.expireDue(day, now);
    await ports.store.setRetentionCursor(day);
    days.push(day);
  }
  return { days, itemsChanged };
};
