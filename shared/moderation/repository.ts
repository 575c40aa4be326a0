import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { batchGet } from '#shared/aws/batch.ts';
import { shardIndexOf } from '#shared/aws/shards.ts';
import { isWriteConflict } from '#shared/aws/transactions.ts';
import type { FiguresStore, TransactItem } from '#shared/figures/store.ts';
import { emptyProfile } from '#shared/moderation/domain.ts';
import type {
  AppealState,
  CaseNoticeLink,
  CaseState,
  Counters,
  HistoryEntry,
  NoticeState,
  PendingReward,
  ReporterDelta,
  ReporterProfile,
  ReviewState,
  StatementOfReasons,
} from '#shared/moderation/domain.ts';
import type { BlocklistKind } from '#shared/moderation/screening.ts';
import { bands } from '#shared/moderation/simhash.ts';
import { VersionConflictError } from '#shared/errors.ts';

/**
 * The moderation table, single-table design (see the access patterns next to its definition in
 * infra/resources.ts). Every change is one transaction, conditional on the version read, with
 * the figures it moves, so nothing is half-written and nothing counted twice; statements of
 * reasons and ledger entries are written once (attribute_not_exists) and never updated. A
 * change's domain events go in the same transaction as its outbox item (`extra` items, from
 * shared/events/outbox.ts), so an event exists exactly when its change committed.
 */

/** The shared conflict error, for this context's callers. */
export { VersionConflictError };
export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super('Too many notices; try again later');
  }
}
export class DuplicateError extends Error {
  override name = 'DuplicateError';
}

const REWARD_SHARDS = 4;
const shardOf = (id: string) => shardIndexOf(id, REWARD_SHARDS);

const k = {
  notice: (id: string) => ({ pk: `NOTICE#${id}`, sk: 'NOTICE' }),
  reporter: (key: string) => `REPORTER#${key}`,
  target: (targetKey: string) => ({ pk: `TARGET#${targetKey}`, sk: 'TARGET' }),
  case: (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' }),
  statement: (puid: string) => ({ pk: `SOR#${puid}`, sk: 'SOR' }),
  appeal: (id: string) => ({ pk: `APPEAL#${id}`, sk: 'APPEAL' }),
  reward: (noticeId: string) => ({ pk: `REWARD#${noticeId}`, sk: 'REWARD' }),
  balance: (reporterKey: string) => ({ pk: `LEDGER#${reporterKey}`, sk: 'BALANCE' }),
  ledgerEntry: (reporterKey: string, noticeId: string) => ({ pk: `LEDGER#${reporterKey}`, sk: `ENTRY#${noticeId}` }),
  profile: (reporterKey: string) => ({ pk: `REPORTER#${reporterKey}`, sk: 'PROFILE' }),
  rate: (key: string, window: number) => ({ pk: `RATE#${key}#${window}`, sk: 'RATE' }),
  review: (id: string) => ({ pk: `REVIEW#${id}`, sk: 'REVIEW' }),
  content: (contentId: string) => ({ pk: `CONTENT#${contentId}`, sk: 'CONTENT' }),
  blocklist: (kind: BlocklistKind, valueKey: string) => ({ pk: `BLOCKLIST#${kind}`, sk: valueKey }),
  blocklistEntry: (id: string) => ({ pk: `BLOCKLIST-ENTRY#${id}`, sk: 'ENTRY' }),
};

const strip = <T>(item: Record<string, unknown> | undefined, fields: readonly string[]): T | undefined => {
  if (!item) return undefined;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(item)) if (!fields.includes(name)) out[name] = value;
  return out as T;
};
const KEY_FIELDS = ['pk', 'sk', 'entity', 'gsi1pk', 'gsi1sk', 'queuePk', 'queueSk', 'duePk', 'dueSk', 'personalData', 'expiresAt'];

/** Pages of our own lists: cursor shapes are checked before they reach DynamoDB. */
export const PageKeySchema = z.strictObject({
  pk: z.string().max(300),
  sk: z.string().max(300),
  gsi1pk: z.string().max(300).optional(),
  gsi1sk: z.string().max(300).optional(),
  queuePk: z.string().max(300).optional(),
  queueSk: z.string().max(300).optional(),
});
export type PageKey = z.output<typeof PageKeySchema>;

export interface Stored<T> {
  state: T;
  personalData: Uint8Array;
}

const SCORE_MAX = 999;
const caseQueueSk = (c: CaseState) => `${String(SCORE_MAX - Math.min(SCORE_MAX, c.score)).padStart(3, '0')}#${c.firstNoticeAt}#${c.id}`;

export const createModerationRepository = (deps: { db: DynamoDBDocumentClient; tableName: string; figures: FiguresStore }) => {
  const { db, tableName: TableName, figures } = deps;

  const write = async (items: TransactItem[]) => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (isWriteConflict(error)) throw new VersionConflictError('The item changed meanwhile');
      throw error;
    }
  };

  const versioned = (item: Record<string, unknown>, readVersion: number | undefined): TransactItem => ({
    Put: {
      TableName,
      Item: item,
      ...(readVersion === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': readVersion } }),
    },
  });
  const once = (item: Record<string, unknown>): TransactItem => ({
    Put: { TableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' },
  });

  const noticeItem = (n: NoticeState, personalData: Uint8Array) => ({
    ...k.notice(n.id),
    entity: 'notice',
    gsi1pk: k.reporter(n.reporterKey),
    gsi1sk: `${n.receivedAt}#${n.id}`,
    ...n,
    personalData,
  });

  const caseItem = (c: CaseState) => ({
    ...k.case(c.id),
    entity: 'case',
    queuePk: `CASES#${c.status}`,
    queueSk: caseQueueSk(c),
    ...c,
  });

  const historyItems = (caseId: string, version: number, entries: HistoryEntry[]): TransactItem[] =>
    entries.map((h, i) =>
      once({
        pk: `CASE#${caseId}`,
        sk: `HISTORY#${h.at}#${String(version).padStart(6, '0')}#${String(i).padStart(2, '0')}`,
        entity: 'history',
        ...h,
      }),
    );

  const figureItems = (at: Date, counters: Counters): TransactItem[] => figures.periodUpdates(at, counters);

  const reviewItem = (r: ReviewState, personalData: Uint8Array) => ({ ...k.review(r.id), entity: 'content-review', ...r, personalData });

  const statementItem = (s: StatementOfReasons) => ({
    ...k.statement(s.puid),
    entity: 'statement',
    gsi1pk: `SORDAY#${s.createdAt.slice(0, 10)}`,
    gsi1sk: `${s.createdAt}#${s.puid}`,
    ...s,
  });

  const rewardItem = (r: PendingReward) => ({
    ...k.reward(r.noticeId),
    entity: 'reward',
    gsi1pk: `REWARDS#${r.reporterKey}`,
    gsi1sk: `${r.createdAt}#${r.noticeId}`,
    ...(r.status === 'pending' && { duePk: `REWARD-DUE#${shardOf(r.noticeId)}`, dueSk: `${r.dueAt}#${r.noticeId}` }),
    ...r,
  });

  const profileDeltaItems = (deltas: ReporterDelta[]): TransactItem[] =>
    deltas.map((d) => ({
      Update: {
        TableName,
        Key: k.profile(d.reporterKey),
        UpdateExpression:
          'SET reporterKey = :key, entity = :entity ADD reputation :rep, accepted :acc, rejected :rej, strikes :str, version :one',
        ExpressionAttributeValues: {
          ':key': d.reporterKey,
          ':entity': 'reporter-profile',
          ':rep': d.reputation,
          ':acc': d.accepted,
          ':rej': d.rejected,
          ':str': d.unfounded,
          ':one': 1,
        },
      },
    }));

  const queryAll = async (input: ConstructorParameters<typeof QueryCommand>[0]) => {
    const items: Record<string, unknown>[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
      items.push(...(page.Items ?? []));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  };

  const page = async (input: ConstructorParameters<typeof QueryCommand>[0]) => {
    const result = await db.send(new QueryCommand(input));
    return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey as PageKey | undefined };
  };

  const get = async (key: Record<string, string>) =>
    (await db.send(new GetCommand({ TableName, Key: key, ConsistentRead: true }))).Item;

  return {
    /* ------------------------------------------------------------------------- notices */
    async createNotice(n: NoticeState, personalData: Uint8Array) {
      await db.send(new PutCommand({ TableName, Item: noticeItem(n, personalData), ConditionExpression: 'attribute_not_exists(pk)' }));
    },
    /** Compensation when the notice could not be queued: no notice stays behind without its message. */
    async deleteNotice(id: string) {
      await db.send(new DeleteCommand({ TableName, Key: k.notice(id), ConditionExpression: '#s = :received', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':received': 'received' } }));
    },
    async getNotice(id: string): Promise<Stored<NoticeState> | undefined> {
      const item = await get(k.notice(id));
      return item ? { state: strip<NoticeState>(item, KEY_FIELDS)!, personalData: item.personalData as Uint8Array } : undefined;
    },
    async listNotices(reporterKey: string, options: { limit: number; after?: PageKey }) {
      const { items, lastKey } = await page({
        TableName,
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': k.reporter(reporterKey) },
        ScanIndexForward: false,
        Limit: options.limit,
        ExclusiveStartKey: options.after,
      });
      return {
        items: items.map((item) => ({ state: strip<NoticeState>(item, KEY_FIELDS)!, personalData: item.personalData as Uint8Array })),
        lastKey,
      };
    },
    reporterPartition: k.reporter,

    /* --------------------------------------------------------------------------- cases */
    async caseOfTarget(targetKey: string): Promise<CaseState | undefined> {
      const pointer = await get(k.target(targetKey));
      return pointer ? this.getCase(pointer.caseId as string) : undefined;
    },
    async getCase(id: string): Promise<CaseState | undefined> {
      return strip<CaseState>(await get(k.case(id)), KEY_FIELDS);
    },
    async listCases(status: string, options: { limit: number; after?: PageKey }) {
      const { items, lastKey } = await page({
        TableName,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :q',
        ExpressionAttributeValues: { ':q': `CASES#${status}` },
        Limit: options.limit,
        ExclusiveStartKey: options.after,
      });
      return { items: items.map((item) => strip<CaseState>(item, KEY_FIELDS)!), lastKey };
    },
    async caseNotices(caseId: string): Promise<CaseNoticeLink[]> {
      const items = await queryAll({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
        ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':p': 'NOTICE#' },
        ConsistentRead: true,
      });
      return items.map((item) => strip<CaseNoticeLink>(item, KEY_FIELDS)!);
    },

    /**
     * The notice's triage: the notice (only if still `received`: a redelivery changes nothing),
     * the case (conditional on the version read), the target's pointer, the case's link to the
     * notice, history and figures, in one transaction.
     */
    async commitTriage(input: {
      notice: NoticeState;
      personalData: Uint8Array;
      caseState?: CaseState;
      caseReadVersion?: number;
      opened: boolean;
      history: HistoryEntry[];
      counters: Counters;
      at: Date;
      /** Items written with the triage (its domain events' outbox item). */
      extra?: TransactItem[];
    }) {
      const { notice } = input;
      const items: TransactItem[] = [
        {
          Put: {
            TableName,
            Item: noticeItem(notice, input.personalData),
            ConditionExpression: '#s = :received AND version = :read',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':received': 'received', ':read': notice.version - 1 },
          },
        },
      ];
      if (input.caseState) {
        const c = input.caseState;
        items.push(versioned(caseItem(c), input.opened ? undefined : input.caseReadVersion));
        if (input.opened) items.push({ Put: { TableName, Item: { ...k.target(c.targetKey), entity: 'target', caseId: c.id } } });
        items.push(
          once({
            pk: `CASE#${c.id}`,
            sk: `NOTICE#${notice.receivedAt}#${notice.id}`,
            entity: 'case-notice',
            noticeId: notice.id,
            reporterKey: notice.reporterKey,
            reporterKind: notice.reporterKind,
            ...(notice.accountId && { accountId: notice.accountId }),
            receivedAt: notice.receivedAt,
            duplicate: notice.duplicate === true,
          }),
        );
        items.push(...historyItems(c.id, c.version, input.history));
      }
      items.push(...figureItems(input.at, input.counters), ...(input.extra ?? []));
      await write(items);
    },

    async commitCase(c: CaseState, history: HistoryEntry[]) {
      await write([versioned(caseItem(c), c.version - 1), ...historyItems(c.id, c.version, history)]);
    },

    /** A screening case: the case, the target's pointer, the review's new state, in one transaction with the review's outcome. */
    caseCreationItems(c: CaseState, history: HistoryEntry[]): TransactItem[] {
      return [once(caseItem(c)), { Put: { TableName, Item: { ...k.target(c.targetKey), entity: 'target', caseId: c.id } } }, ...historyItems(c.id, c.version, history)];
    },

    async commitDecision(input: {
      caseState: CaseState;
      statement?: StatementOfReasons;
      reward?: PendingReward;
      reporterDeltas: ReporterDelta[];
      history: HistoryEntry[];
      counters: Counters;
      extra: TransactItem[];
      at: Date;
    }) {
      const c = input.caseState;
      await write([
        versioned(caseItem(c), c.version - 1),
        ...(input.statement ? [once(statementItem(input.statement))] : []),
        ...(input.reward ? [once(rewardItem(input.reward))] : []),
        ...profileDeltaItems(input.reporterDeltas),
        ...historyItems(c.id, c.version, input.history),
        ...figureItems(input.at, input.counters),
        ...input.extra,
      ]);
    },

    /* ---------------------------------------------------------------------- statements */
    async getStatement(puid: string): Promise<StatementOfReasons | undefined> {
      return strip<StatementOfReasons>(await get(k.statement(puid)), KEY_FIELDS);
    },
    async statementsOfDay(day: string, options: { limit: number; after?: PageKey }) {
      const { items, lastKey } = await page({
        TableName,
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': `SORDAY#${day}` },
        Limit: options.limit,
        ExclusiveStartKey: options.after,
      });
      return { items: items.map((item) => strip<StatementOfReasons>(item, KEY_FIELDS)!), lastKey };
    },

    /* ------------------------------------------------------------------------- appeals */
    async getAppeal(id: string): Promise<Stored<AppealState> | undefined> {
      const item = await get(k.appeal(id));
      return item ? { state: strip<AppealState>(item, KEY_FIELDS)!, personalData: item.personalData as Uint8Array } : undefined;
    },
    async listPendingAppeals(options: { limit: number; after?: PageKey }) {
      const { items, lastKey } = await page({
        TableName,
        IndexName: 'byQueue',
        KeyConditionExpression: 'queuePk = :q',
        ExpressionAttributeValues: { ':q': 'APPEALS#pending' },
        Limit: options.limit,
        ExclusiveStartKey: options.after,
      });
      return { items: items.map((item) => ({ state: strip<AppealState>(item, KEY_FIELDS)!, personalData: item.personalData as Uint8Array })), lastKey };
    },
    appealItem(a: AppealState, personalData: Uint8Array) {
      return {
        ...k.appeal(a.id),
        entity: 'appeal',
        ...(a.status === 'pending' && { queuePk: 'APPEALS#pending', queueSk: `${a.filedAt}#${a.id}` }),
        ...a,
        personalData,
      };
    },
    /** An appellant's appeals on a case, oldest first, each with the decision it appealed (its statement, or `no-action`). */
    async appealPointers(caseId: string, appellantId: string): Promise<Array<{ appealId: string; decision: string }>> {
      const prefix = `APPEAL-BY#${appellantId}#`;
      const items = await queryAll({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': k.case(caseId).pk, ':prefix': prefix },
        ConsistentRead: true,
      });
      return items
        .map((item) => ({ appealId: item.appealId as string, decision: (item.sk as string).slice(prefix.length) }))
        .sort((a, b) => a.appealId.localeCompare(b.appealId));
    },
    /** One appeal per appellant and decision; the pointer item makes a second one fail the transaction. */
    appealFilingItems(a: AppealState, personalData: Uint8Array, rewardNoticeId: string | undefined): TransactItem[] {
      return [
        once(this.appealItem(a, personalData)),
        once({ pk: `CASE#${a.caseId}`, sk: `APPEAL-BY#${a.appellantId}#${a.statementId ?? 'no-action'}`, entity: 'appeal-pointer', appealId: a.id }),
        ...(rewardNoticeId
          ? [
              {
                // The reward waits while the decision is under appeal.
                Update: {
                  TableName,
                  Key: k.reward(rewardNoticeId),
                  UpdateExpression: 'SET #s = :held REMOVE duePk, dueSk',
                  ConditionExpression: '#s = :pending',
                  ExpressionAttributeNames: { '#s': 'status' },
                  ExpressionAttributeValues: { ':held': 'held', ':pending': 'pending' },
                },
              } satisfies TransactItem,
            ]
          : []),
      ];
    },
    async getReward(noticeId: string): Promise<PendingReward | undefined> {
      return strip<PendingReward>(await get(k.reward(noticeId)), KEY_FIELDS);
    },
    rewardMoveItem(noticeId: string, move: 'release' | 'cancel', now: Date): TransactItem {
      return move === 'release'
        ? {
            Update: {
              TableName,
              Key: k.reward(noticeId),
              UpdateExpression: 'SET #s = :pending, dueAt = :now, duePk = :shard, dueSk = :dueSk',
              ConditionExpression: '#s IN (:held, :pending)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: {
                ':pending': 'pending',
                ':held': 'held',
                ':now': now.toISOString(),
                ':shard': `REWARD-DUE#${shardOf(noticeId)}`,
                ':dueSk': `${now.toISOString()}#${noticeId}`,
              },
            },
          }
        : {
            Update: {
              TableName,
              Key: k.reward(noticeId),
              UpdateExpression: 'SET #s = :cancelled REMOVE duePk, dueSk',
              ConditionExpression: '#s IN (:held, :pending)',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':cancelled': 'cancelled', ':held': 'held', ':pending': 'pending' },
            },
          };
    },
    rewardPutItem(r: PendingReward): TransactItem {
      return once(rewardItem(r));
    },
    statementPutItem(s: StatementOfReasons): TransactItem {
      return once(statementItem(s));
    },
    caseVersionedItem(c: CaseState): TransactItem {
      return versioned(caseItem(c), c.version - 1);
    },
    historyItems,
    figureItems,
    profileDeltaItems,
    versioned,
    write,

    /* ------------------------------------------------------------------------- rewards */
    async *dueRewards(now: Date): AsyncGenerator<string> {
      for (let shard = 0; shard < REWARD_SHARDS; shard += 1) {
        let start: Record<string, unknown> | undefined;
        do {
          const result = await db.send(
            new QueryCommand({
              TableName,
              IndexName: 'byDue',
              KeyConditionExpression: 'duePk = :p AND dueSk <= :now',
              ExpressionAttributeValues: { ':p': `REWARD-DUE#${shard}`, ':now': `${now.toISOString()}#~` },
              ProjectionExpression: 'noticeId',
              ExclusiveStartKey: start,
            }),
          );
          for (const item of result.Items ?? []) yield item.noticeId as string;
          start = result.LastEvaluatedKey;
        } while (start);
      }
    },
    /** Credits a reward once: the reward leaves `pending`, the ledger entry is new, the balance only grows. */
    async creditReward(r: PendingReward, now: Date, counters: Counters, extra: TransactItem[] = []) {
      const at = now.toISOString();
      await write([
        {
          Update: {
            TableName,
            Key: k.reward(r.noticeId),
            UpdateExpression: 'SET #s = :paid, paidAt = :at REMOVE duePk, dueSk',
            ConditionExpression: '#s = :pending AND dueAt <= :at',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: { ':paid': 'paid', ':pending': 'pending', ':at': at },
          },
        },
        once({ ...k.ledgerEntry(r.reporterKey, r.noticeId), entity: 'ledger-entry', noticeId: r.noticeId, caseId: r.caseId, points: r.points, creditedAt: at }),
        {
          Update: {
            TableName,
            Key: k.balance(r.reporterKey),
            UpdateExpression: 'SET entity = :e ADD balance :points',
            // Credits only: a balance can never go below zero.
            ConditionExpression: 'attribute_not_exists(balance) OR balance >= :zero',
            ExpressionAttributeValues: { ':e': 'balance', ':points': r.points, ':zero': 0 },
          },
        },
        ...figureItems(now, counters),
        ...extra,
      ]);
    },
    async ledger(reporterKey: string) {
      const [balance, entries, rewards] = await Promise.all([
        get(k.balance(reporterKey)),
        queryAll({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
          ExpressionAttributeValues: { ':pk': `LEDGER#${reporterKey}`, ':p': 'ENTRY#' },
        }),
        queryAll({ TableName, IndexName: 'byOwner', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `REWARDS#${reporterKey}` } }),
      ]);
      return {
        balance: (balance?.balance as number | undefined) ?? 0,
        entries: entries.map((e) => ({ noticeId: e.noticeId as string, points: e.points as number, creditedAt: e.creditedAt as string })),
        rewards: rewards.map((r) => strip<PendingReward>(r, KEY_FIELDS)!),
      };
    },

    /* ---------------------------------------------------------------------- reporters */
    async getProfile(reporterKey: string): Promise<ReporterProfile | undefined> {
      const stored = strip<Partial<ReporterProfile>>(await get(k.profile(reporterKey)), KEY_FIELDS);
      // Decisions create profiles with ADD: fields no decision touched yet are absent.
      return stored && { ...emptyProfile(reporterKey), ...stored };
    },
    async putProfile(profile: ReporterProfile, readVersion: number, counters: Counters, at: Date, extra: TransactItem[] = []) {
      await write([
        {
          Put: {
            TableName,
            Item: { ...k.profile(profile.reporterKey), entity: 'reporter-profile', ...profile },
            ConditionExpression: 'version = :read',
            ExpressionAttributeValues: { ':read': readVersion },
          },
        },
        ...figureItems(at, counters),
        ...extra,
      ]);
    },
    /** Counts one use of a window; RateLimitedError once `limit` uses are counted in it. */
    async take(key: string, limit: number, windowMs: number, now: Date) {
      const window = Math.floor(now.getTime() / windowMs);
      const endsAt = (window + 1) * windowMs;
      try {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: k.rate(key, window),
            UpdateExpression: 'SET expiresAt = :exp ADD n :one',
            ConditionExpression: 'attribute_not_exists(n) OR n < :limit',
            ExpressionAttributeValues: { ':exp': Math.ceil(endsAt / 1000) + 3600, ':one': 1, ':limit': limit },
          }),
        );
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') {
          throw new RateLimitedError(Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
        }
        throw error;
      }
    },

    /* ------------------------------------------------------------------ content reviews */
    async createReview(review: ReviewState, personalData: Uint8Array, extra: TransactItem[] = []) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              once(reviewItem(review, personalData)),
              once({ ...k.content(review.contentId), entity: 'content', reviewId: review.id }),
              ...extra,
            ],
          }),
        );
      } catch (error) {
        if (isWriteConflict(error)) throw new DuplicateError('This content was submitted before');
        throw error;
      }
    },
    async reviewOfContent(contentId: string): Promise<string | undefined> {
      return (await get(k.content(contentId)))?.reviewId as string | undefined;
    },
    async getReview(id: string): Promise<Stored<ReviewState> | undefined> {
      const item = await get(k.review(id));
      return item ? { state: strip<ReviewState>(item, KEY_FIELDS)!, personalData: item.personalData as Uint8Array } : undefined;
    },
    reviewUpdateItem(review: ReviewState, personalData: Uint8Array): TransactItem {
      return versioned(reviewItem(review, personalData), review.version - 1);
    },

    /* ---------------------------------------------------------------------- blocklists */
    async addBlocklistEntry(kind: BlocklistKind, valueKey: string, entry: { id: string; addedBy: string; addedAt: string }, sealedValue: Uint8Array) {
      try {
        await db.send(
          new TransactWriteCommand({
            TransactItems: [
              once({ ...k.blocklist(kind, valueKey), entity: 'blocklist', kind, valueKey, ...entry, personalData: sealedValue }),
              once({ ...k.blocklistEntry(entry.id), entity: 'blocklist-entry', kind, valueKey }),
            ],
          }),
        );
      } catch (error) {
        if (isWriteConflict(error)) throw new DuplicateError('This value is on the blocklist already');
        throw error;
      }
    },
    async removeBlocklistEntry(kind: BlocklistKind, entryId: string): Promise<boolean> {
      const pointer = await get(k.blocklistEntry(entryId));
      if (!pointer || pointer.kind !== kind) return false;
      await write([
        { Delete: { TableName, Key: k.blocklist(kind, pointer.valueKey as string) } },
        { Delete: { TableName, Key: k.blocklistEntry(entryId) } },
      ]);
      return true;
    },
    async listBlocklist(kind: BlocklistKind, options: { limit: number; after?: PageKey }) {
      const { items, lastKey } = await page({
        TableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `BLOCKLIST#${kind}` },
        Limit: options.limit,
        ExclusiveStartKey: options.after,
      });
      return {
        items: items.map((item) => ({ id: item.id as string, kind, addedBy: item.addedBy as string, addedAt: item.addedAt as string, personalData: item.personalData as Uint8Array })),
        lastKey,
      };
    },
    /** Which of these values are blocklisted: one BatchGet per 100 distinct keys. */
    async blocklisted(candidates: Array<{ kind: BlocklistKind; valueKey: string }>): Promise<Array<{ kind: BlocklistKind; entryId: string }>> {
      const unique = [...new Map(candidates.map((c) => [`${c.kind}#${c.valueKey}`, c])).values()];
      const items = await batchGet(db, TableName, unique.map((c) => k.blocklist(c.kind, c.valueKey)), { projection: 'kind, id' });
      return items.map((item) => ({ kind: item.kind as BlocklistKind, entryId: item.id as string }));
    },

    /* ------------------------------------------------------------- near-duplicates */
    simhashItems(contentId: string, hash: string): TransactItem[] {
      return bands(hash).map((band) => ({ Put: { TableName, Item: { pk: `SIMHASH#${band}`, sk: contentId, entity: 'simhash', contentId, hash } } }));
    },
    async simhashCandidates(hash: string): Promise<Array<{ contentId: string; hash: string }>> {
      const found = await Promise.all(
        bands(hash).map((band) =>
          page({ TableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `SIMHASH#${band}` }, Limit: 100 }),
        ),
      );
      return found.flatMap((f) => f.items.map((item) => ({ contentId: item.contentId as string, hash: item.hash as string })));
    },
  };
};

export type ModerationRepository = ReturnType<typeof createModerationRepository>;
