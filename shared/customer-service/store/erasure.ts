import { ConditionFailedError, type Table } from '#shared/aws/table.ts';
import type { ComplaintStore } from '#shared/customer-service/use-cases/ports.ts';
import { complaintPartition } from '#shared/customer-service/store/keys.ts';

/** The complaints table's side of erasure and retention: a conversation's bodies, and the retention index. */

type ComplaintErasure = Pick<ComplaintStore, 'eraseConversation' | 'retentionDue'>;

export const complaintErasure = (table: Table): ComplaintErasure => ({
  async eraseConversation(complaintId, at) {
    const messages = await table.queryAll<{ pk: string; sk: string }>({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :message)',
      FilterExpression: 'attribute_exists(sealedBody)',
      ExpressionAttributeValues: { ':pk': complaintPartition(complaintId), ':message': 'MESSAGE#' },
      ProjectionExpression: 'pk, sk',
      ConsistentRead: true,
    });
    let erased = 0;
    for (const key of messages) {
      try {
        await table.update({
          Key: key,
          UpdateExpression: 'SET erasedAt = :at REMOVE sealedBody',
          ConditionExpression: 'attribute_exists(sealedBody)',
          ExpressionAttributeValues: { ':at': at.toISOString() },
        });
        erased += 1;
      } catch (error) {
        // Another run erased it meanwhile: nothing left to do.
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    }
    return erased;
  },

  async retentionDue(day) {
    const due = await table.queryAll<{ id: string }>({
      IndexName: 'byRetentionDay',
      KeyConditionExpression: 'retentionDay = :day',
      ExpressionAttributeValues: { ':day': day },
      ProjectionExpression: 'id',
    });
    return due.map((item) => item.id);
  },
});
