import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Complaint } from '#shared/complaints/domain.ts';
import { ulid } from 'ulid';

/** A complaint as stored: its personal fields replaced by one encrypted blob. */
export type StoredComplaint = Omit<Complaint, 'personal'> & { personalData: Uint8Array };

export interface StaffAccess {
  complaintId: string;
  actorId: string;
  actorRoles: string[];
  reason: string | undefined;
  at: string;
}

const keys = {
  complaint: (id: string) => ({ pk: `COMPLAINT#${id}`, sk: 'COMPLAINT' }),
  owner: (ownerId: string) => `OWNER#${ownerId}`,
  access: (complaintId: string, at: string) => ({ pk: `COMPLAINT#${complaintId}`, sk: `ACCESS#${at}#${ulid()}` }),
};

/** The shape of a `byOwner` page key; anything else in a cursor is refused. */
export const ownerPageKeySchema = z.strictObject({
  pk: z.string().regex(/^COMPLAINT#cmp_[0-9A-HJKMNP-TV-Z]{26}$/),
  sk: z.literal('COMPLAINT'),
  gsi1pk: z.string().startsWith('OWNER#').max(300),
  gsi1sk: z.string().max(100),
});
export type OwnerPageKey = z.output<typeof ownerPageKeySchema>;

export class ComplaintAlreadyExistsError extends Error {
  override name = 'ComplaintAlreadyExistsError';
}

const COMPLAINT_ATTRIBUTES = [
  'id',
  'ownerId',
  'channel',
  'category',
  'status',
  'createdAt',
  'updatedAt',
  'firstResponseDueAt',
  'personalData',
] as const;

const fromItem = (item: Record<string, unknown>): StoredComplaint =>
  Object.fromEntries(COMPLAINT_ATTRIBUTES.map((name) => [name, item[name]])) as StoredComplaint;

export const createComplaintRepository = (db: DynamoDBDocumentClient, tableName: string) => ({
  async create(complaint: StoredComplaint): Promise<void> {
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.complaint(complaint.id),
            gsi1pk: keys.owner(complaint.ownerId),
            gsi1sk: `${complaint.createdAt}#${complaint.id}`,
            entity: 'complaint',
            ...complaint,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') throw new ComplaintAlreadyExistsError(complaint.id);
      throw error;
    }
  },

  async get(id: string): Promise<StoredComplaint | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.complaint(id), ConsistentRead: true }));
    return Item ? fromItem(Item) : undefined;
  },

  async listByOwner(
    ownerId: string,
    page: { limit: number; after?: OwnerPageKey },
  ): Promise<{ items: StoredComplaint[]; lastKey?: OwnerPageKey }> {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byOwner',
        KeyConditionExpression: 'gsi1pk = :owner',
        ExpressionAttributeValues: { ':owner': keys.owner(ownerId) },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: page.after,
      }),
    );
    return {
      items: (result.Items ?? []).map(fromItem),
      ...(result.LastEvaluatedKey && { lastKey: result.LastEvaluatedKey as OwnerPageKey }),
    };
  },

  async recordStaffAccess(access: StaffAccess): Promise<void> {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...keys.access(access.complaintId, access.at), entity: 'staff-access', ...access },
      }),
    );
  },

  ownerPartition: keys.owner,
});

export type ComplaintRepository = ReturnType<typeof createComplaintRepository>;
