import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { resourceKinds } from '#shared/access-log/domain/staff-read.ts';
import { pageCursor, pageLimit, pageOf } from '#shared/http/page-query.ts';
import { roles } from '#shared/manifest/platform.ts';

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

const Resource = z.object({
  kind: meta(z.enum(resourceKinds), {
    description:
      'What was opened: a complaint, its messages or history, a work-queue line, a notice, a case, an appeal, a blocklist entry, survey comments',
  }),
  id: z.string(),
});
const Role = z.enum(roles);

const PersonAccessRecordSchema = meta(
  z.object({
    at: z.iso.datetime(),
    staffRoles: meta(z.array(Role), { description: 'The roles the staff member read under (staff are never named)' }),
    resource: Resource,
    fields: meta(z.array(z.string()), { description: 'The fields of your data that were opened' }),
    reason: meta(z.string(), { description: 'The reason the staff member gave' }),
  }),
  { id: 'PersonAccessRecord' },
);

const SecurityAccessRecordSchema = meta(
  z.object({
    id: z.string(),
    at: z.iso.datetime(),
    staff: z.object({ id: z.string(), roles: z.array(Role) }),
    subjectId: meta(z.optional(z.string()), {
      description: 'Whose data it was; absent when nobody is known (anonymous answers, blocklist values)',
    }),
    resource: Resource,
    fields: z.array(z.string()),
    reason: z.string(),
  }),
  { id: 'SecurityAccessRecord' },
);


export const PersonAccessLogPageSchema = pageOf(PersonAccessRecordSchema, 'PersonAccessLogPage');
export const SecurityAccessLogPageSchema = pageOf(SecurityAccessRecordSchema, 'SecurityAccessLogPage');
