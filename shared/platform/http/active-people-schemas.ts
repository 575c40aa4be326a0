import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { periodPatterns } from '#shared/figures/periods.ts';

/**
 * The monthly active people's requests: their validation and their part of the OpenAPI document
 * come from these schemas. The answer's schema is in active-people-response-schemas.ts, which only
 * the OpenAPI document loads: a schema is built when its module loads, and the platform function,
 * which never parses an answer, would build it at every cold start.
 */

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
