import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/**
 * A reporter's rewards, reputation and reporting status: an answer only. Nothing parses an answer
 * at run time, so only the OpenAPI document loads this module and the function never builds its
 * schema.
 */
export const RewardsSchema = meta(
  z.object({
    balance: z.int().check(z.minimum(0)),
    reputation: z.int(),
    accepted: z.int(),
    rejected: z.int(),
    warned: z.boolean(),
    reportingSuspendedUntil: z.optional(isoTime),
    pending: z.array(z.object({ noticeId: z.string(), points: z.int(), status: z.string(), dueAt: isoTime })),
    ledger: z.array(z.object({ noticeId: z.string(), points: z.int(), creditedAt: isoTime })),
  }),
  { id: 'Rewards' },
);
