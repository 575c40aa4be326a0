import * as z from 'zod';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/** A reporter's rewards, reputation and reporting status. */
export const RewardsSchema = z
  .object({
    balance: z.number().int().min(0),
    reputation: z.number().int(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    warned: z.boolean(),
    reportingSuspendedUntil: isoTime.optional(),
    pending: z.array(z.object({ noticeId: z.string(), points: z.number().int(), status: z.string(), dueAt: isoTime })),
    ledger: z.array(z.object({ noticeId: z.string(), points: z.number().int(), creditedAt: isoTime })),
  })
  .meta({ id: 'Rewards' });
