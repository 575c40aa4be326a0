import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import * as z from 'zod';
import { batchGet } from '#shared/aws/batch.ts';
import { isWriteConflict } from '#shared/aws/transactions.ts';
import type { Counters, FiguresStore, TransactItem } from '#shared/figures/store.ts';
import type { SurveyDefinition, SurveyKind } from '#shared/surveys/definitions.ts';
import { monthStart, sealedIdOf, type Campaign, type Invitation } from '#shared/surveys/domain.ts';
import type { TargetVerdict } from '#shared/surveys/statistics.ts';

/**
 * The surveys table, single-table design (access patterns are listed with the table in
 * infra/resources.ts):
 *   DEFINITION#<kind>  V#<version>          a survey definition, immutable once written
 *   CAMPAIGN#<id>      CAMPAIGN             a campaign; while open also in the sparse `openCampaigns` index
 *   CAMPAIGN#<id>      COMMENT#<key>        a response's free text (sealed), for staff to read without the person
 *   CAMPAIGN#<id>      ACCESS#<at>#<ulid>   a staff read of the comments (who, when, why)
 *   USER#<sub>         SEEN#<campaign>      the user was seen while the monthly campaign ran (its sampling frame)
 *   USER#<sub>         INVITE#<invitation>  an invitation and, once answered, its response (free text sealed)
 *   COMPLAINT#<id>     SURVEYED             a resolved complaint's survey exists: one per complaint, ever
 * Every write that changes a figure carries the figure's counters in the same transaction, so a
 * month's results are a couple of reads whatever the number of responses, and nothing is
 * counted twice.
 */

const keys = {
  definition: (kind: SurveyKind, version: number) => ({ pk: `DEFINITION#${kind}`, sk: `V#${String(version).padStart(6, '0')}` }),
  campaign: (id: string) => ({ pk: `CAMPAIGN#${id}`, sk: 'CAMPAIGN' }),
  seen: (userId: string, campaignId: string) => ({ pk: `USER#${userId}`, sk: `SEEN#${campaignId}` }),
  invitation: (userId: string, id: string) => ({ pk: `USER#${userId}`, sk: `INVITE#${id}` }),
  surveyed: (complaintId: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: 'SURVEYED' }),
  comment: (invitation: Pick<Invitation, 'campaignId' | 'userId' | 'id'>) => ({
    pk: `CAMPAIGN#${invitation.campaignId}`,
    sk: `COMMENT#${sealedIdOf(invitation)}`,
  }),
  access: (campaignId: string, at: string) => ({ pk: `CAMPAIGN#${campaignId}`, sk: `ACCESS#${at}#${ulid()}` }),
};

/** The shape of a comments page key; anything else in a cursor is refused. */
export const commentPageKeySchema = z.strictObject({
  pk: z.string().regex(/^CAMPAIGN#[\w.-]{1,80}$/),
  sk: z.string().startsWith('COMMENT#').max(300),
});
export type CommentPageKey = z.output<typeof commentPageKeySchema>;

/** A response's free text as staff read it: sealed, with what is needed to open it, and no person. */
export interface StoredComment {
  sealedFor: string;
  sealedTexts: Uint8Array;
  respondedAt: string;
  definitionVersion: number;
  channel?: string;
  category?: string;
}
const OPEN = 'OPEN';

/** Another writer got there first (a concurrent answer, a concurrent new version): read again. */
export class SurveyVersionConflictError extends Error {
  override name = 'SurveyVersionConflictError';
}

const storedInvitationOf = (item: Record<string, unknown>): StoredInvitation => ({
  invitation: pickAttributes<Invitation>(item, INVITATION_ATTRIBUTES),
  ...(item.sealedTexts ? { sealedTexts: item.sealedTexts as Uint8Array } : {}),
});

export interface StoredInvitation {
  invitation: Invitation;
  /** The free-text answers, sealed with the personal-data cipher. */
  sealedTexts?: Uint8Array;
}

const INVITATION_ATTRIBUTES = [
  'userId',
  'id',
  'campaignId',
  'kind',
  'month',
  'definitionVersion',
  'invitedAt',
  'expiresAt',
  'complaintId',
  'channel',
  'category',
  'status',
  'revision',
  'respondedAt',
  'revisedAt',
  'scored',
] as const satisfies readonly (keyof Invitation)[];

const CAMPAIGN_ATTRIBUTES = [
  'id',
  'kind',
  'month',
  'status',
  'definitionVersion',
  'samplingRate',
  'target',
  'openedAt',
  'closesAt',
  'closedAt',
  'verdict',
] as const satisfies readonly (keyof Campaign)[];

const pickAttributes = <T>(item: Record<string, unknown>, names: readonly string[]): T =>
  Object.fromEntries(names.filter((name) => item[name] !== undefined).map((name) => [name, item[name]])) as T;

const definitionFrom = (item: Record<string, unknown>): SurveyDefinition =>
  pickAttributes(item, ['kind', 'version', 'title', 'questions', 'createdAt', 'createdBy']);

export const createSurveyRepository = (deps: { db: DynamoDBDocumentClient; tableName: string; figures: FiguresStore }) => {
  const { db, tableName: TableName, figures } = deps;

  /** A campaign's figures live in its month (and quarter), whenever the response arrives. */
  const figureItems = (month: string, counters: Counters): TransactItem[] =>
    figures.periodUpdates(monthStart(month), counters, ['month', 'quarter']);

  const invitationItem = (invitation: Invitation, sealedTexts?: Uint8Array) => ({
    ...keys.invitation(invitation.userId, invitation.id),
    entity: 'invitation',
    ...invitation,
    ...(sealedTexts && { sealedTexts }),
  });

  /** Runs a transaction; false when one of its conditions failed (someone else wrote first). */
  const transact = async (items: TransactItem[]): Promise<boolean> => {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      if (isWriteConflict(error)) return false;
      throw error;
    }
  };

  return {
    async latestDefinition(kind: SurveyKind): Promise<SurveyDefinition | undefined> {
      const { Items } = await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `DEFINITION#${kind}` },
          ScanIndexForward: false,
          Limit: 1,
          ConsistentRead: true,
        }),
      );
      return Items?.[0] ? definitionFrom(Items[0]) : undefined;
    },

    async definition(kind: SurveyKind, version: number): Promise<SurveyDefinition | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: keys.definition(kind, version) }));
      return Item ? definitionFrom(Item) : undefined;
    },

    /** Stores a new version; SurveyVersionConflictError when that version number was taken meanwhile. */
    async putDefinition(definition: SurveyDefinition): Promise<void> {
      try {
        await db.send(
          new PutCommand({
            TableName,
            Item: { ...keys.definition(definition.kind, definition.version), entity: 'definition', ...definition },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isWriteConflict(error)) throw new SurveyVersionConflictError('That version was created meanwhile');
        throw error;
      }
    },

    async campaign(id: string): Promise<Campaign | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: keys.campaign(id), ConsistentRead: true }));
      return Item ? pickAttributes<Campaign>(Item, CAMPAIGN_ATTRIBUTES) : undefined;
    },

    /** The campaigns of these ids that exist (for the results of a range of months). */
    async campaigns(ids: readonly string[]): Promise<Campaign[]> {
      const items = await batchGet(db, TableName, ids.map((id) => keys.campaign(id)));
      return items.map((item) => pickAttributes<Campaign>(item, CAMPAIGN_ATTRIBUTES));
    },

    /** Creates the campaign unless it exists; true when this call created it. */
    async createCampaign(campaign: Campaign): Promise<boolean> {
      try {
        await db.send(
          new PutCommand({
            TableName,
            Item: {
              ...keys.campaign(campaign.id),
              entity: 'campaign',
              openPk: OPEN,
              openSk: `${campaign.closesAt}#${campaign.id}`,
              ...campaign,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isWriteConflict(error)) return false;
        throw error;
      }
    },

    /** Open campaigns whose closing time is at or before `now` (the sparse index holds open ones only). */
    async campaignsToClose(now: Date): Promise<string[]> {
      const ids: string[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName,
            IndexName: 'openCampaigns',
            KeyConditionExpression: 'openPk = :open AND openSk <= :now',
            ExpressionAttributeValues: { ':open': OPEN, ':now': `${now.toISOString()}#~` },
            ProjectionExpression: 'id',
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) ids.push(item.id as string);
        start = page.LastEvaluatedKey;
      } while (start);
      return ids;
    },

    /** Closes an open campaign with its verdict; false when it was closed already (a repeated run). */
    async closeCampaign(id: string, closedAt: Date, verdict: TargetVerdict): Promise<boolean> {
      try {
        await db.send(
          new UpdateCommand({
            TableName,
            Key: keys.campaign(id),
            UpdateExpression: 'SET #status = :closed, closedAt = :at, verdict = :verdict REMOVE openPk, openSk',
            ConditionExpression: '#status = :open',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':at': closedAt.toISOString(), ':verdict': verdict },
          }),
        );
        return true;
      } catch (error) {
        if (isWriteConflict(error)) return false;
        throw error;
      }
    },

    async seen(userId: string, campaignId: string): Promise<boolean> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: keys.seen(userId, campaignId), ConsistentRead: true }));
      return Item !== undefined;
    },

    /**
     * Records the first sight of a user during a monthly campaign and, when the draw puts them in
     * the sample, their invitation, with the counters of both; false when they were seen already.
     */
    async recordSeen(userId: string, campaign: Campaign, at: Date, invitation: Invitation | undefined, counters: Counters) {
      return transact([
        {
          Put: {
            TableName,
            Item: { ...keys.seen(userId, campaign.id), entity: 'seen', at: at.toISOString(), sampled: invitation !== undefined },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...(invitation
          ? [{ Put: { TableName, Item: invitationItem(invitation), ConditionExpression: 'attribute_not_exists(pk)' } }]
          : []),
        ...figureItems(campaign.month, counters),
      ]);
    },

    /** Invites the owner of a resolved complaint; false when that complaint was surveyed before. */
    async invitePostResolution(invitation: Invitation, counters: Counters): Promise<boolean> {
      return transact([
        {
          Put: {
            TableName,
            Item: { ...keys.surveyed(invitation.complaintId!), entity: 'surveyed', invitationId: invitation.id, userId: invitation.userId },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        { Put: { TableName, Item: invitationItem(invitation), ConditionExpression: 'attribute_not_exists(pk)' } },
        ...figureItems(invitation.month, counters),
      ]);
    },

    async complaintSurveyed(complaintId: string): Promise<boolean> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: keys.surveyed(complaintId), ConsistentRead: true }));
      return Item !== undefined;
    },

    async invitation(userId: string, id: string): Promise<StoredInvitation | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: keys.invitation(userId, id), ConsistentRead: true }));
      return Item ? storedInvitationOf(Item) : undefined;
    },

    /** A user's invitations of campaigns from `fromMonth` on (older ones have all expired), with their sealed answers. */
    async invitationsSince(userId: string, fromMonth: string): Promise<StoredInvitation[]> {
      const out: StoredInvitation[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await db.send(
          new QueryCommand({
            TableName,
            KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':from': `INVITE#${fromMonth}`, ':to': 'INVITE#~' },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) out.push(storedInvitationOf(item));
        start = page.LastEvaluatedKey;
      } while (start);
      return out;
    },

    /**
     * Stores an answer read at `readRevision` with the counters it moves, in one transaction;
     * SurveyVersionConflictError when another answer landed first.
     */
    async saveResponse(invitation: Invitation, sealedTexts: Uint8Array | undefined, counters: Counters, readRevision: number) {
      const stored = await transact([
        {
          Put: {
            TableName,
            Item: invitationItem(invitation, sealedTexts),
            ConditionExpression: 'revision = :read',
            ExpressionAttributeValues: { ':read': readRevision },
          },
        },
        // The free text is also filed under the campaign, for staff; an answer without text removes it.
        sealedTexts
          ? {
              Put: {
                TableName,
                Item: {
                  ...keys.comment(invitation),
                  entity: 'survey-comment',
                  sealedFor: sealedIdOf(invitation),
                  sealedTexts,
                  respondedAt: invitation.revisedAt ?? invitation.respondedAt,
                  definitionVersion: invitation.definitionVersion,
                  ...(invitation.channel && { channel: invitation.channel }),
                  ...(invitation.category && { category: invitation.category }),
                },
              },
            }
          : { Delete: { TableName, Key: keys.comment(invitation) } },
        ...figureItems(invitation.month, counters),
      ]);
      if (!stored) throw new SurveyVersionConflictError('The survey was answered meanwhile');
    },

    /** A campaign's free-text answers, a page at a time. */
    async comments(campaignId: string, page: { limit: number; after?: CommentPageKey }) {
      const result = await db.send(
        new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :comment)',
          ExpressionAttributeValues: { ':pk': `CAMPAIGN#${campaignId}`, ':comment': 'COMMENT#' },
          Limit: page.limit,
          ExclusiveStartKey: page.after,
        }),
      );
      return {
        items: (result.Items ?? []).map(
          (item): StoredComment => ({
            sealedFor: item.sealedFor as string,
            sealedTexts: item.sealedTexts as Uint8Array,
            respondedAt: item.respondedAt as string,
            definitionVersion: item.definitionVersion as number,
            ...(item.channel && { channel: item.channel as string }),
            ...(item.category && { category: item.category as string }),
          }),
        ),
        ...(result.LastEvaluatedKey && { lastKey: result.LastEvaluatedKey as CommentPageKey }),
      };
    },

    /** A staff read of a campaign's comments, recorded before anything is decrypted. */
    async recordCommentAccess(access: { campaignId: string; actorId: string; actorRoles: string[]; reason?: string; at: string }) {
      await db.send(
        new PutCommand({ TableName, Item: { ...keys.access(access.campaignId, access.at), entity: 'staff-access', ...access } }),
      );
    },
  };
};

export type SurveyRepository = ReturnType<typeof createSurveyRepository>;
