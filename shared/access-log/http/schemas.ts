import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';

/**
 * The access log's requests: their validation and their part of the OpenAPI document come from
 * these schemas. The answers' schemas are in response-schemas.ts, which only the OpenAPI document
 * loads: a schema is built when its module loads, and the function, which never parses an answer,
 * would build them all at every cold start.
 */

/** An id of a staff member or a person, as tokens carry them (a subject may be a pseudonymous key). */
const PersonId = z.string().check(z.regex(/^[\w:@.+-]{1,200}$/, 'Must be an id of 1 to 200 letters, digits or _:@.+-'));
const Instant = z.pipe(
  z.iso.datetime({ offset: false }),
  z.transform((value) => new Date(value).toISOString()),
);

export const MyAccessLogQuerySchema = z.strictObject({ limit: pageLimit, cursor: pageCursor });

export const AccessLogQuerySchema = meta(
  z.strictObject({
    staff: meta(z.optional(PersonId), { description: 'Only reads by this staff member (their token subject)' }),
    subject: meta(z.optional(PersonId), { description: 'Only reads of this person’s data (their account id or pseudonymous key)' }),
    from: meta(z.optional(Instant), { description: 'Reads at or after this time (ISO 8601 UTC)' }),
    to: meta(z.optional(Instant), {
      description: 'Reads at or before this time (default: now); by period alone the default period is the last 7 days',
    }),
    limit: pageLimit,
    cursor: pageCursor,
  }),
  { id: 'AccessLogQuery' },
);
