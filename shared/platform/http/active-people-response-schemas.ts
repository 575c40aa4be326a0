import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';

/**
 * The monthly active people's answer: its part of the OpenAPI document comes from this schema.
 * Nothing parses an answer at run time, so the platform function never imports this module and
 * never builds this schema (requests are in active-people-schemas.ts; the answer's TypeScript
 * type comes from the figures, `ActivePeopleReport`, not from here).
 */

export const ActivePeopleSchema = meta(
  z.object({ month: z.string(), activePeople: z.int(), reportedAt: z.iso.datetime(), reportedBy: z.string() }),
  {
    id: 'ActivePeople',
    description: 'The monthly active people an administrator reported: the denominator of the rates per million active people',
  },
);
