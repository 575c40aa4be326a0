import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createTable, type ItemKey, type TransactItem } from '#shared/aws/table.ts';
import type { Campaign, ReachCounters, Receipt } from '#shared/security/domain/education.ts';

/**
 * Education campaigns in the security table:
 * - the campaign: `CAMPAIGN#<id>` / `CAMPAIGN` (its texts, schedule, who wrote it, its version);
 * - its entry in the schedule: `CAMPAIGNS` / `<ends at>#<id>` (title, audience and period, so that the
 *   current campaign is found by reading the few entries not yet ended, never the contents);
 * - a person's receipt: `CAMPAIGN#<id>` / `PERSON#<sub>` (delivered at, read at);
 * - its reach counters, spread over `REACH#<nn>` items of the campaign's partition so that many
 *   people reading at once do not all write one item; reach is their sum (one Query).
 */

const SCHEDULE_PK = 'CAMPAIGNS';
const REACH_SHARDS = 16;

const educationKeys = {
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  scheduleEntry: (campaign: Pick<Campaign, 'id' | 'endsAt'>) => ({ pk: SCHEDULE_PK, sk: `${campaign.endsAt}#${campaign.id}` }),
  receipt: (id: string, sub: string) => ({ pk: `CAMPAIGN#${id}`, sk: `PERSON#${sub}` }),
  reachShard: (id: string, shard: number) => ({ pk: `CAMPAIGN#${id}`, sk: `REACH#${String(shard).padStart(2, '0')}` }),
};

/** A campaign's place in the schedule: enough to pick the current one and to check overlaps. */
export type ScheduleEntry = Pick<Campaign, 'id' | 'title' | 'audience' | 'startsAt' | 'endsAt' | 'announcedAt'>;

const KEY_ATTRIBUTES = ['pk', 'sk', 'entity'] as const;
const withoutKeys = <T>(item: Record<string, unknown>): T => {
  const entity = { ...item };
  for (const attribute of KEY_ATTRIBUTES) delete entity[attribute];
  return entity as T;
};

const entryOf = (campaign: Campaign): Record<string, unknown> => ({
  ...educationKeys.scheduleEntry(campaign),
  entity: 'campaign-schedule',
  id: campaign.id,
  title: campaign.title,
  audience: campaign.audience,
  startsAt: campaign.startsAt,
  endsAt: campaign.endsAt,
  ...(campaign.announcedAt && { announcedAt: campaign.announcedAt }),
});

const emptyReach = (): ReachCounters => ({ delivered: 0, read: 0, readWithinWindow: 0 });

type Table = ReturnType<typeof createTable>;

const putCampaign = (tableName: string, campaign: Campaign): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...educationKeys.campaign(campaign.id), entity: 'education-campaign', ...campaign },
    ...(campaign.version === 0
      ? { ConditionExpression: 'attribute_not_exists(pk)' }
      : { ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': campaign.version - 1 } }),
  },
});

/** Campaigns and their schedule entries. */
const campaignRecords = (table: Table) => ({
    async getCampaign(id: string, options: { consistent?: boolean } = {}): Promise<Campaign | undefined> {
      const item = await table.get(educationKeys.campaign(id), options);
      return item && withoutKeys<Campaign>(item);
    },

    /**
     * Writes a campaign and its schedule entry in one transaction, expecting the version read (a
     * new one: version 0); `previous`, the campaign as read, names the entry to replace when the
     * end moved. A ConditionFailedError when someone else wrote the campaign since.
     */
    saveCampaign: (campaign: Campaign, previous?: Campaign): Promise<void> => {
      const moved = previous && previous.endsAt !== campaign.endsAt;
      return table.transact([
        putCampaign(table.name, campaign),
        ...(moved ? [{ Delete: { TableName: table.name, Key: educationKeys.scheduleEntry(previous) } }] : []),
        { Put: { TableName: table.name, Item: entryOf(campaign) } },
      ]);
    },

    /** Schedule entries of campaigns ending after `after`, soonest ending first (the current and coming ones: a handful). */
    endingAfter: async (after: Date): Promise<ScheduleEntry[]> =>
      (
        await table.queryAll({
          KeyConditionExpression: 'pk = :pk AND sk > :after',
          ExpressionAttributeValues: { ':pk': SCHEDULE_PK, ':after': after.toISOString() },
        })
      ).map((item) => withoutKeys<ScheduleEntry>(item)),

    /** Every schedule entry, oldest ending first (a few campaigns a year: the cadence and the quarter's figures). */
    allEntries: async (): Promise<ScheduleEntry[]> =>
      (
        await table.queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SCHEDULE_PK } })
      ).map((item) => withoutKeys<ScheduleEntry>(item)),

    /** Schedule entries, latest ending first, a page at a time. */
    async pageEntries(page: { limit: number; after?: ItemKey }): Promise<{ items: ScheduleEntry[]; lastKey?: ItemKey }> {
      const result = await table.page(
        { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': SCHEDULE_PK }, ScanIndexForward: false, Limit: page.limit },
        page.after,
      );
      return { items: result.items.map((item) => withoutKeys<ScheduleEntry>(item)), ...(result.lastKey && { lastKey: result.lastKey }) };
    },

});

/** People's receipts and the reach counters they add to. */
const receiptRecords = (table: Table, pickShard: () => number) => {
  const tableName = table.name;
  const addReach = (campaignId: string, counters: ReachCounters): TransactItem => ({
    Update: {
      TableName: tableName,
      Key: educationKeys.reachShard(campaignId, pickShard()),
      UpdateExpression: 'ADD delivered :d, #read :r, readWithinWindow :w',
      ExpressionAttributeNames: { '#read': 'read' },
      ExpressionAttributeValues: { ':d': counters.delivered, ':r': counters.read, ':w': counters.readWithinWindow },
    },
  });


  return {
    async receiptOf(campaignId: string, sub: string): Promise<Receipt | undefined> {
      const item = await table.get(educationKeys.receipt(campaignId, sub), { consistent: true });
      return item && withoutKeys<Receipt>(item);
    },

    /** Records the first delivery to a person with the count; a ConditionFailedError when they were delivered already. */
    recordDelivery: (campaignId: string, sub: string, at: string): Promise<void> =>
      table.transact([
        {
          Put: {
            TableName: tableName,
            Item: { ...educationKeys.receipt(campaignId, sub), entity: 'education-receipt', deliveredAt: at },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        addReach(campaignId, { delivered: 1, read: 0, readWithinWindow: 0 }),
      ]),

    /**
     * Records a person's first read with the counters it adds (`delivered` as well when they had
     * not been delivered); a ConditionFailedError when it was read (or, for a read that counts the
     * delivery, delivered) since the receipt was read.
     */
    recordRead: (campaignId: string, sub: string, receipt: Receipt, counters: ReachCounters): Promise<void> =>
      table.transact([
        {
          Update: {
            TableName: tableName,
            Key: educationKeys.receipt(campaignId, sub),
            UpdateExpression: 'SET entity = :entity, deliveredAt = if_not_exists(deliveredAt, :delivered), readAt = :read',
            // Counted delivered here only if no delivery was recorded in between.
            ConditionExpression: counters.delivered === 1 ? 'attribute_not_exists(pk)' : 'attribute_not_exists(readAt)',
            ExpressionAttributeValues: { ':entity': 'education-receipt', ':delivered': receipt.deliveredAt, ':read': receipt.readAt },
          },
        },
        addReach(campaignId, counters),
      ]),

    /** A campaign's reach counters, summed over their shards. */
    async reachOf(campaignId: string): Promise<ReachCounters> {
      const items = await table.queryAll({
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :reach)',
        ExpressionAttributeValues: { ':pk': educationKeys.campaign(campaignId).pk, ':reach': 'REACH#' },
        ConsistentRead: true,
      });
      return items.reduce<ReachCounters>(
        (sum, item) => ({
          delivered: sum.delivered + Number(item.delivered ?? 0),
          read: sum.read + Number(item.read ?? 0),
          readWithinWindow: sum.readWithinWindow + Number(item.readWithinWindow ?? 0),
        }),
        emptyReach(),
      );
    },
  };
};

export const createEducationStore = (
  { db, tableName }: { db: DynamoDBDocumentClient; tableName: string },
  options: { pickShard?: () => number } = {},
) => {
  const table = createTable(db, tableName);
  return { ...campaignRecords(table), ...receiptRecords(table, options.pickShard ?? (() => Math.floor(Math.random() * REACH_SHARDS))) };
};

export type EducationStore = ReturnType<typeof createEducationStore>;
