import type { AppealState, NoticeState, ReviewState } from '#shared/moderation/domain/index.ts';
import { appealHold, noticeHold, reviewHold, rewardHold, type Hold } from '#shared/moderation/domain/personal-data.ts';
import type { Stored } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { VersionCheck } from '#shared/moderation/store/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';
import type { DataSubject, ErasureOutcome, HeldItem } from '#shared/personal-data/holder.ts';

type Ports = Pick<ModerationPorts, 'store'>;
type Store = ModerationPorts['store'];
type Erasable = { id: string; version: number; erasedAt?: string };

/** What the state of an item and of the case it belongs to say: held, and on which versions that was decided. */
interface Assessment {
  hold?: Hold;
  checks: VersionCheck[];
}

/** One kind of item that holds a person's personal data: how it is read, judged, and which attributes are theirs. */
export interface ErasableKind<T extends Erasable> {
  category: string;
  key(id: string): { pk: string; sk: string };
  get(store: Store, id: string): Promise<Stored<T> | undefined>;
  assess(store: Store, state: T, now: Date): Promise<Assessment>;
  /** The personal attributes besides the sealed blob (which always goes). */
  attributes: readonly string[];
}

/** The case an item belongs to, read with its version, so that erasing the item is conditional on the case's state as judged. */
const withCase = async (store: Store, caseId: string | undefined, judge: (c: Awaited<ReturnType<Store['cases']['get']>>) => Hold | undefined) => {
  const c = caseId ? await store.cases.get(caseId) : undefined;
  const hold = judge(c);
  return { ...(hold && { hold }), checks: c ? [{ key: keys.case(c.id), version: c.version }] : [] };
};

const noticeKind: ErasableKind<NoticeState> = {
  category: 'moderation.notice',
  key: keys.notice,
  get: (store, id) => store.notices.get(id),
  assess: (store, n, now) => withCase(store, n.caseId, (c) => noticeHold(n, c, now)),
  // The notifier's explanation, name and contact email are sealed; the URL is as they gave it.
  attributes: ['contentUrl'],
};

const appealKind: ErasableKind<AppealState> = {
  category: 'moderation.appeal',
  key: keys.appeal,
  get: (store, id) => store.appeals.get(id),
  assess: async (_store, a) => {
    const hold = appealHold(a);
    return { ...(hold && { hold }), checks: [] };
  },
  attributes: [],
};

const reviewKind: ErasableKind<ReviewState> = {
  category: 'moderation.content-review',
  key: keys.review,
  get: (store, id) => store.reviews.get(id),
  assess: (store, r) => withCase(store, r.caseId, reviewHold),
  // The simhash is derived from the text (near-duplicates of removed content keep their own, without text).
  attributes: ['simhash'],
};

export const erasableKinds = { notice: noticeKind, appeal: appealKind, review: reviewKind };

/**
 * One item's erasure, decided on a fresh read: held items are kept, erased ones left alone, the
 * rest lose their personal attributes on condition that neither it nor its case changed since
 * the read (else it is read and decided again).
 */
export const eraseItem = <T extends Erasable>(store: Store, kind: ErasableKind<T>, id: string, now: Date): Promise<{ erased: boolean; held?: HeldItem }> =>
  retrying(async () => {
    const stored = await kind.get(store, id);
    if (!stored || stored.state.erasedAt) return { erased: false };
    const { hold, checks } = await kind.assess(store, stored.state, now);
    if (hold) return { erased: false, held: heldItem(kind.category, id, hold) };
    await store.personalData.erase(kind.key(id), stored.state.version, kind.attributes, now, checks);
    return { erased: true };
  });

const heldItem = (category: string, itemId: string, hold: Hold): HeldItem => ({ category, itemId, ...hold });

/** The account a subject names; people known only to an integration channel file nothing in this context. */
export const accountOf = (subject: DataSubject): string | undefined => (subject.kind === 'account' ? subject.id : undefined);

/** The ids of the subject's items of each kind, through the byOwner index. */
const itemsOf = async (store: Store, accountId: string) => {
  const [notices, appeals, reviews] = await Promise.all([
    store.notices.allOfReporter(`user:${accountId}`),
    store.appeals.allOfAppellant(accountId),
    store.reviews.allOfAuthor(accountId),
  ]);
  return { notice: notices, appeal: appeals, review: reviews };
};

const rewardHolds = async (store: Store, accountId: string, now: Date): Promise<HeldItem[]> => {
  const { rewards } = await store.ledger.of(`user:${accountId}`);
  return rewards.flatMap((r) => {
    const hold = rewardHold(r, now);
    return hold ? [heldItem('moderation.reward', r.noticeId, hold)] : [];
  });
};

/** Runs `task` over the items a few at a time. */
const inBatches = async <T, R>(items: readonly T[], task: (item: T) => Promise<R>, size = 8): Promise<R[]> => {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(task))));
  return results;
};

/** What would be kept if the subject's data were erased now: the items not yet erased that are held. */
export const holdsOf = async ({ store }: Ports, subject: DataSubject, now: Date): Promise<HeldItem[]> => {
  const accountId = accountOf(subject);
  if (!accountId) return [];
  const items = await itemsOf(store, accountId);
  const held: HeldItem[] = [];
  for (const name of ['notice', 'appeal', 'review'] as const) {
    const kind = erasableKinds[name] as ErasableKind<Erasable>;
    const live = (items[name] as Stored<Erasable>[]).filter((s) => !s.state.erasedAt);
    const assessed = await inBatches(live, async (s) => ({ id: s.state.id, hold: (await kind.assess(store, s.state, now)).hold }));
    held.push(...assessed.flatMap((a) => (a.hold ? [heldItem(kind.category, a.id, a.hold)] : [])));
  }
  return [...held, ...(await rewardHolds(store, accountId, now))];
};

/**
 * Erases the subject's notices, appeals and submitted content except what is held; statements
 * of reasons, rewards, the ledger and the reporter's standing hold no text of theirs and stay, as
 * do the figures. Idempotent: erased items are skipped, so a second run erases nothing more.
 */
export const erase = async ({ store }: Ports, subject: DataSubject, now: Date): Promise<ErasureOutcome> => {
  const accountId = accountOf(subject);
  if (!accountId) return { erased: 0, held: [] };
  const items = await itemsOf(store, accountId);
  let erased = 0;
  const held: HeldItem[] = [];
  for (const name of ['notice', 'appeal', 'review'] as const) {
    const kind = erasableKinds[name] as ErasableKind<Erasable>;
    const outcomes = await inBatches(items[name] as Stored<Erasable>[], (s) => eraseItem(store, kind, s.state.id, now));
    erased += outcomes.filter((o) => o.erased).length;
    held.push(...outcomes.flatMap((o) => (o.held ? [o.held] : [])));
  }
  return { erased, held: [...held, ...(await rewardHolds(store, accountId, now))] };
};
