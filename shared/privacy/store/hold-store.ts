import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable, type ItemKey } from '#shared/aws/table.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';
import { isActive, type LegalHold } from '#shared/privacy/domain/legal-hold.ts';
import { indexPage, recordOf } from '#shared/privacy/store/items.ts';
import { ACTIVE_HOLDS_PARTITION, privacyKeys, subjectPartition } from '#shared/privacy/store/keys.ts';

const holdItem = (hold: LegalHold, now: Date) => ({
  ...privacyKeys.hold(hold.id),
  entity: 'legal-hold',
  subjectPk: subjectPartition(hold.subject),
  subjectSk: `HOLD#${hold.placedAt}#${hold.id}`,
  ...(isActive(hold, now) && { activePk: ACTIVE_HOLDS_PARTITION, activeSk: `${hold.placedAt}#${hold.id}` }),
  ...hold,
});

/** Legal holds: one item each, listed by subject and, while active, in the sparse `activeHolds` index. */
export const createHoldStore = (deps: { db: DynamoDBDocumentClient; tableName: string }) => {
  const table = createTable(deps.db, deps.tableName);
  return {
    async putHold(hold: LegalHold, now: Date): Promise<void> {
      await table.put(holdItem(hold, now), { ConditionExpression: 'attribute_not_exists(pk)' });
    },

    async getHold(id: string): Promise<LegalHold | undefined> {
      const item = await table.get(privacyKeys.hold(id), { consistent: true });
      return item && recordOf<LegalHold>(item);
    },

    /** Writes a hold's next state unless it was released in between. */
    async saveHold(hold: LegalHold, now: Date): Promise<void> {
      await table.put(holdItem(hold, now), { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(releasedAt)' });
    },

    /** Every legal hold ever placed on the subject (a handful). */
    holdsOf: async (subject: DataSubject): Promise<LegalHold[]> =>
      (
        await table.queryAll({
          IndexName: 'bySubject',
          KeyConditionExpression: 'subjectPk = :pk AND begins_with(subjectSk, :holds)',
          ExpressionAttributeValues: { ':pk': subjectPartition(subject), ':holds': 'HOLD#' },
        })
      ).map((item) => recordOf<LegalHold>(item)),

    /** Active legal holds, oldest first. */
    activeHolds: (page: { limit: number; after?: ItemKey }) =>
      indexPage<LegalHold>(table, { name: 'activeHolds', attribute: 'active', partition: ACTIVE_HOLDS_PARTITION }, page),
  };
};
