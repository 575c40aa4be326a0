import type { Caller } from '#shared/auth/caller.ts';
import { emptyProfile, isSuspended } from '#shared/moderation/domain/index.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** The caller's reward balance, ledger and pending rewards, with their reputation and whether they may report. */
export const myRewards = async ({ store, clock }: Pick<ModerationPorts, 'store' | 'clock'>, caller: Caller) => {
  const key = `user:${caller.sub}`;
  const [ledger, profile] = await Promise.all([store.ledger.of(key), store.reporters.get(key)]);
  const p = profile ?? emptyProfile(key);
  return {
    balance: ledger.balance,
    reputation: p.reputation,
    accepted: p.accepted,
    rejected: p.rejected,
    warned: p.warnedAt !== undefined,
    ...(isSuspended(p, clock.now()) && { reportingSuspendedUntil: p.suspendedUntil }),
    pending: ledger.rewards
      .filter((r) => r.status === 'pending' || r.status === 'held')
      .map((r) => ({ noticeId: r.noticeId, points: r.points, status: r.status, dueAt: r.dueAt })),
    ledger: ledger.entries,
  };
};
