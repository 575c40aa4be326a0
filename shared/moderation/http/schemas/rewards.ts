import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/** A reporter's rewards, reputation and reporting status. */
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
