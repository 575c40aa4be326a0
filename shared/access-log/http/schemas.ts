import * as z from 'zod';
import { resourceKinds } from '#shared/access-log/domain/staff-read.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { roles } from '#shared/manifest/platform.ts';

/** An id of a staff member or a person, as tokens carry them (a subject may be a pseudonymous key). */
const PersonId = z.string().regex(/^[\w:@.+-]{1,200}$/, 'Must be an id of 1 to 200 letters, digits or _:@.+-');
const Instant = z.iso.datetime({ offset: false }).transform((value) => new Date(value).toISOString());

export const MyAccessLogQuerySchema = z.strictObject({ limit: pageLimit, cursor: pageCursor });

export const AccessLogQuerySchema = z
  .strictObject({
    staff: PersonId.optional().meta({ description: 'Only reads by this staff member (their token subject)' }),
    subject: PersonId.optional().meta({ description: 'Only reads of this person’s data (their account id or pseudonymous key)' }),
    from: Instant.optional().meta({ description: 'Reads at or after this time (ISO 8601 UTC)' }),
    to: Instant.optional().meta({ description: 'Reads at or before this time (default: now); by period alone the default period is the last 7 days' }),
    limit: pageLimit,
    cursor: pageCursor,
  })
  .meta({ id: 'AccessLogQuery' });

const Resource = z.object({
  kind: z.enum(resourceKinds).meta({ description: 'What was opened: a complaint, its messages or history, a work-queue line, a notice, a case, an appeal, a blocklist entry, survey comments' }),
  id: z.string(),
});
const Role = z.enum(roles);

const PersonAccessRecordSchema = z
  .object({
    at: z.iso.datetime(),
    staffRoles: z.array(Role).meta({ description: 'The roles the staff member read under (staff are never named)' }),
    resource: Resource,
    fields: z.array(z.string()).meta({ description: 'The fields of your data that were opened' }),
    reason: z.string().meta({ description: 'The reason the staff member gave' }),
  })
  .meta({ id: 'PersonAccessRecord' });

const SecurityAccessRecordSchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    staff: z.object({ id: z.string(), roles: z.array(Role) }),
    subjectId: z.string().optional().meta({ description: 'Whose data it was; absent when nobody is known (anonymous answers, blocklist values)' }),
    resource: Resource,
    fields: z.array(z.string()),
    reason: z.string(),
  })
  .meta({ id: 'SecurityAccessRecord' });

const pageOf = <S extends z.ZodType>(item: S, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });

export const PersonAccessLogPageSchema = pageOf(PersonAccessRecordSchema, 'PersonAccessLogPage');
export const SecurityAccessLogPageSchema = pageOf(SecurityAccessRecordSchema, 'SecurityAccessLogPage');
