import * as z from 'zod';
import type { Table } from '#shared/aws/table.ts';
import { encodeCursor, resumeAfter } from '#shared/pagination.ts';
import type { CommentStore } from '#shared/surveys/use-cases/ports.ts';
import { storedCommentFrom } from '#shared/surveys/store/items.ts';
import { keys } from '#shared/surveys/store/keys.ts';

/** The shape of a comments page key; anything else in a cursor is refused. */
const commentPageKeySchema = z.strictObject({
  pk: z.string().regex(/^CAMPAIGN#[\w.-]{1,80}$/),
  sk: z.string().startsWith('COMMENT#').max(300),
});

/** A campaign's free-text answers in the surveys table, a page at a time, and the staff reads of them. */
export const createCommentStore = (table: Table): CommentStore => ({
  resumeAt: (campaignId, cursor) => resumeAfter(cursor, commentPageKeySchema, (key) => key.pk === keys.campaignPartition(campaignId)),

  async page(campaignId, page) {
    const { items, lastKey } = await table.page(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :comment)',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(campaignId), ':comment': 'COMMENT#' },
        Limit: page.limit,
      },
      page.after,
    );
    return { items: items.map(storedCommentFrom), nextCursor: encodeCursor(lastKey) };
  },

  recordAccess: (access) => table.put({ ...keys.access(access.campaignId, access.at), entity: 'staff-access', ...access }),
});
