import { shardIndexOf } from '#shared/shards.ts';

/**
 * The keys of the moderation table (single-table design; the access patterns are listed with the
 * table in shared/moderation/manifest.ts).
 */

/** Pending rewards are spread over a few partitions of the byDue index, queried one after another. */
export const REWARD_SHARDS = 4;
export const rewardShardOf = (noticeId: string) => shardIndexOf(noticeId, REWARD_SHARDS);
export const rewardDuePartition = (shard: number) => `REWARD-DUE#${shard}`;

export const keys = {
  notice: (id: string) => ({ pk: `NOTICE#${id}`, sk: 'NOTICE' }),
  /** The byOwner partition of a reporter's notices. */
  reporterNotices: (reporterKey: string) => `REPORTER#${reporterKey}`,
  target: (targetKey: string) => ({ pk: `TARGET#${targetKey}`, sk: 'TARGET' }),
  case: (id: string) => ({ pk: `CASE#${id}`, sk: 'CASE' }),
  /** The byQueue partition of the cases of one status. */
  casesQueue: (status: string) => `CASES#${status}`,
  statement: (puid: string) => ({ pk: `SOR#${puid}`, sk: 'SOR' }),
  /** The byOwner partition of one day's statements. */
  statementsOfDay: (day: string) => `SORDAY#${day}`,
  /** Where a statement stands with the Transparency Database (its own item: the statement is never updated). */
  statementSubmission: (puid: string) => ({ pk: `SOR#${puid}`, sk: 'SUBMISSION' }),
  /** The byDue partitions of the statements still to send and of those the database refused as invalid. */
  statementsToSubmit: 'SOR-SUBMIT#pending',
  statementsQuarantined: 'SOR-SUBMIT#quarantined',
  appeal: (id: string) => ({ pk: `APPEAL#${id}`, sk: 'APPEAL' }),
  /** The byOwner partition of an appellant's appeals. */
  appellantAppeals: (appellantId: string) => `APPELLANT#${appellantId}`,
  /** The byOwner partition of the content reviews of an author's content. */
  authorReviews: (authorRef: string) => `AUTHOR#${authorRef}`,
  /** The pointer from the account a statement of reasons concerns to it (the statement itself is never updated). */
  statementAffected: (puid: string) => ({ pk: `SOR#${puid}`, sk: 'AFFECTED' }),
  /** The byOwner partition of the statements concerning an account. */
  affectedStatements: (accountId: string) => `AFFECTED#${accountId}`,
  pendingAppealsQueue: 'APPEALS#pending',
  reward: (noticeId: string) => ({ pk: `REWARD#${noticeId}`, sk: 'REWARD' }),
  balance: (reporterKey: string) => ({ pk: `LEDGER#${reporterKey}`, sk: 'BALANCE' }),
  ledgerEntry: (reporterKey: string, noticeId: string) => ({ pk: `LEDGER#${reporterKey}`, sk: `ENTRY#${noticeId}` }),
  profile: (reporterKey: string) => ({ pk: `REPORTER#${reporterKey}`, sk: 'PROFILE' }),
  rate: (key: string, window: number) => ({ pk: `RATE#${key}#${window}`, sk: 'RATE' }),
  review: (id: string) => ({ pk: `REVIEW#${id}`, sk: 'REVIEW' }),
  /** The latest review of a content id, and the client that submits it. */
  content: (contentId: string) => ({ pk: `CONTENT#${contentId}`, sk: 'CONTENT' }),
  /** The review of one revision of a content id. */
  contentRevision: (contentId: string, revision: string) => ({ pk: `CONTENT#${contentId}`, sk: `REVISION#${revision}` }),
  blocklist: (kind: string, valueKey: string) => ({ pk: `BLOCKLIST#${kind}`, sk: valueKey }),
  blocklistEntry: (id: string) => ({ pk: `BLOCKLIST-ENTRY#${id}`, sk: 'ENTRY' }),
  simhashBand: (band: string) => `SIMHASH#${band}`,
};
