import * as z from 'zod/mini';
import type { Table } from '#shared/aws/table.ts';
import { encodeCursor, resumeAfter, type CursorScope, type CursorSeal } from '#shared/pagination.ts';
import type { CommentReading, CommentStore } from '#shared/surveys/use-cases/ports.ts';
import { storedCommentFrom } from '#shared/surveys/store/items.ts';
import { keys } from '#shared/surveys/store/keys.ts';

/** The shape of a comments page key; anything else in a cursor is refused. */
const commentPageKeySchema = z.strictObject({
  pk: z.string().check(z.regex(/^CAMPAIGN#[\w.-]{1,80}$/)),
  sk: z.string().check(z.startsWith('COMMENT#'), z.maxLength(300)),
});

const scopeOf = ({ campaignId, readerId }: CommentReading): CursorScope => ({ caller: readerId, list: `survey-comments:${campaignId}` });

/** A campaign's free-text answers in the surveys table, a page at a time. */
export const createCommentStore = (table: Table, cursors: CursorSeal): CommentStore => ({
  resumeAt: (reading, cursor) =>
    resumeAfter(cursors, scopeOf(reading), cursor, commentPageKeySchema, (key) => key.pk === keys.campaignPartition(reading.campaignId)),

  async page(reading, page) {
    const { campaignId } = reading;
    const { items, lastKey } = await table.page(
      {
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :comment)',
        ExpressionAttributeValues: { ':pk': keys.campaignPartition(campaignId), ':comment': 'COMMENT#' },
        Limit: page.limit,
      },
      page.after,
    );
    return { items: items.map(storedCommentFrom), nextCursor: await encodeCursor(cursors, scopeOf(reading), lastKey) };
  },

});
