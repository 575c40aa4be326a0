import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { resourceKinds } from '#shared/access-log/domain/staff-read.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { roles } from '#shared/manifest/platform.ts';

/**
 * The access log's answers: their part of the OpenAPI document comes from these schemas. Nothing
 * parses an answer at run time, so the access-log function never imports this module and never
 * builds these schemas (requests are in schemas.ts; the answers' TypeScript types come from the
 * domain and the use cases, not from here).
 */

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
