import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGet } from '#shared/aws/batch.ts';
import type { Table } from '#shared/aws/table.ts';
import type { CampaignStore } from '#shared/surveys/use-cases/ports.ts';
import { campaignFrom, campaignItem, wroteFirst } from '#shared/surveys/store/items.ts';
import { keys, OPEN } from '#shared/surveys/store/keys.ts';

/** Campaigns in the surveys table; open ones also in the sparse `openCampaigns` index. */
export const createCampaignStore = (db: DynamoDBDocumentClient, table: Table): CampaignStore => ({
  async get(id) {
    const item = await table.get(keys.campaign(id), { consistent: true });
    return item ? campaignFrom(item) : undefined;
  },

  async getMany(ids) {
    const items = await batchGet(db, table.name, ids.map((id) => keys.campaign(id)));
    return items.map(campaignFrom);
  },

  create: (campaign) =>
    wroteFirst(table.put(campaignItem(campaign), { ConditionExpression: 'attribute_not_exists(pk)' })),

  async dueToClose(now) {
    const items = await table.queryAll<{ id: string }>({
      IndexName: 'openCampaigns',
      KeyConditionExpression: 'openPk = :open AND openSk <= :now',
      ExpressionAttributeValues: { ':open': OPEN, ':now': `${now.toISOString()}#~` },
      ProjectionExpression: 'id',
    });
    return items.map((item) => item.id);
  },

  close: (id, closedAt, verdict) =>
    wroteFirst(
      table.update({
        Key: keys.campaign(id),
        UpdateExpression: 'SET #status = :closed, closedAt = :at, verdict = :verdict REMOVE openPk, openSk',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': closedAt.toISOString(), ':verdict': verdict },
      }),
    ),
});
