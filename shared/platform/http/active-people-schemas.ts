import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { periodPatterns } from '#shared/figures/periods.ts';

export const MonthPathSchema = z.strictObject({
  month: meta(z.string().check(z.regex(periodPatterns.month, 'Must be a month such as 2026-11')), {
    description: 'The month, `YYYY-MM` (UTC)',
  }),
});

export const ActivePeopleInputSchema = meta(
  z.strictObject({
    activePeople: meta(z.int().check(z.minimum(0), z.maximum(100_000_000_000)), {
      description: 'People active on the platform in the month',
    }),
  }),
  { id: 'ActivePeopleInput' },
);

export const ActivePeopleSchema = meta(
  z.object({ month: z.string(), activePeople: z.int(), reportedAt: z.iso.datetime(), reportedBy: z.string() }),
  {
    id: 'ActivePeople',
    description: 'The monthly active people an administrator reported: the denominator of the rates per million active people',
  },
);
