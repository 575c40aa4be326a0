import * as z from 'zod';
import { periodPatterns } from '#shared/figures/periods.ts';

export const MonthPathSchema = z.strictObject({
  month: z.string().regex(periodPatterns.month, 'Must be a month such as 2026-11').meta({ description: 'The month, `YYYY-MM` (UTC)' }),
});

export const ActivePeopleInputSchema = z
  .strictObject({ activePeople: z.number().int().min(0).max(100_000_000_000).meta({ description: 'People active on the platform in the month' }) })
  .meta({ id: 'ActivePeopleInput' });

export const ActivePeopleSchema = z
  .object({ month: z.string(), activePeople: z.number().int(), reportedAt: z.iso.datetime(), reportedBy: z.string() })
  .meta({ id: 'ActivePeople', description: 'The monthly active people an administrator reported: the denominator of the rates per million active people' });
