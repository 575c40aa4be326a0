import type { Table, TransactItem } from '#shared/aws/table.ts';
import type { CaseNoticeLink, CaseState, HistoryEntry, NoticeState } from '#shared/moderation/domain/index.ts';
import { caseRetentionDay } from '#shared/moderation/domain/personal-data.ts';
import { putOnce, putVersioned, retentionAttributes, stateOf, type Item } from '#shared/moderation/store/items.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { PageKey, PageRequest } from '#shared/moderation/store/page-key.ts';

const SCORE_MAX = 999;
/** The moderation queue's order: highest score first, then the oldest first notice. */
const caseQueueSk = (c: CaseState) => `${String(SCORE_MAX - Math.min(SCORE_MAX, c.score)).padStart(3, '0')}#${c.firstNoticeAt}#${c.id}`;

/** A decided or closed case is listed under its due day: the retention of its notices' personal fields ends then. */
const caseItem = (c: CaseState): Item => ({
  ...keys.case(c.id),
  entity: 'case',
  queuePk: keys.casesQueue(c.status),
  queueSk: caseQueueSk(c),
  ...retentionAttributes(caseRetentionDay(c), keys.case(c.id)),
  ...c,
});

/** The target's pointer to its case: one case per target. */
const targetItem = (c: CaseState): Item => ({ ...keys.target(c.targetKey), entity: 'target', caseId: c.id });

/** A case's history entries, in the order they happened (a change may write several at once). */
const historyItem = (caseId: string, version: number, h: HistoryEntry, i: number): Item => ({
  pk: keys.case(caseId).pk,
  sk: `HISTORY#${h.at}#${String(version).padStart(6, '0')}#${String(i).padStart(2, '0')}`,
  entity: 'history',
  ...h,
});

/** The link from a case to a notice merged into it. */
const noticeLinkItem = (caseId: string, notice: NoticeState): Item => ({
  pk: keys.case(caseId).pk,
  sk: `NOTICE#${notice.receivedAt}#${notice.id}`,
  entity: 'case-notice',
  noticeId: notice.id,
  reporterKey: notice.reporterKey,
  reporterKind: notice.reporterKind,
  ...(notice.accountId && { accountId: notice.accountId }),
  receivedAt: notice.receivedAt,
  duplicate: notice.duplicate === true,
});

/** Cases, with their notices' links, their history and the pointer from their target. */
export const createCaseStore = (table: Table) => {
  const historyItems = (caseId: string, version: number, entries: readonly HistoryEntry[]): TransactItem[] =>
    entries.map((h, i) => putOnce(table.name, historyItem(caseId, version, h, i)));
  const changeItem = (c: CaseState): TransactItem => putVersioned(table.name, caseItem(c), c.version - 1);
  const get = async (id: string): Promise<CaseState | undefined> => {
    const item = await table.get<Item>(keys.case(id), { consistent: true });
    return item && stateOf<CaseState>(item);
  };

  return {
    get,
    historyItems,
    /** A changed case, conditional on the version it was read at. */
    changeItem,

    /** The case open on a target (one per target), through the target's pointer. */
    async ofTarget(targetKey: string): Promise<CaseState | undefined> {
      const pointer = await table.get<Item>(keys.target(targetKey), { consistent: true });
      return pointer ? get(pointer.caseId as string) : undefined;
    },

    /** The cases of one status, highest priority first, then oldest. */
    async ofStatus(status: string, page: PageRequest) {
      const query = { IndexName: 'byQueue', KeyConditionExpression: 'queuePk = :q', ExpressionAttributeValues: { ':q': keys.casesQueue(status) }, Limit: page.limit };
      const { items, lastKey } = await table.page<Item>(query, page.after);
      return { items: items.map((item) => stateOf<CaseState>(item)), lastKey: lastKey as PageKey | undefined };
    },

    /** The notices merged into a case, oldest first. */
    async notices(caseId: string): Promise<CaseNoticeLink[]> {
      const query = { KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)', ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':p': 'NOTICE#' } };
      return (await table.queryAll<Item>({ ...query, ConsistentRead: true })).map((item) => stateOf<CaseNoticeLink>(item));
    },

    /** A changed case with its history. */
    changeItems: (c: CaseState, history: readonly HistoryEntry[]): TransactItem[] => [changeItem(c), ...historyItems(c.id, c.version, history)],

    /** A new case: the case, the target's pointer to it, its history. */
    openingItems: (c: CaseState, history: readonly HistoryEntry[]): TransactItem[] => [
      putOnce(table.name, caseItem(c)),
      { Put: { TableName: table.name, Item: targetItem(c) } },
      ...historyItems(c.id, c.version, history),
    ],

    /** A notice's triage into `c`: the case (new, or as read), the target's pointer if new, the link to the notice, the history. */
    triageItems: (c: CaseState, notice: NoticeState, input: { opened: boolean; readVersion: number | undefined; history: readonly HistoryEntry[] }): TransactItem[] => [
      putVersioned(table.name, caseItem(c), input.opened ? undefined : input.readVersion),
      ...(input.opened ? [{ Put: { TableName: table.name, Item: targetItem(c) } }] : []),
      putOnce(table.name, noticeLinkItem(c.id, notice)),
      ...historyItems(c.id, c.version, input.history),
    ],
  };
};
