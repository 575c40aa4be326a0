import * as z from 'zod/mini';
import { describe } from '#shared/zod.ts';
import { resourceKinds } from '#shared/access-log/domain/staff-read.ts';
import { roles } from '#shared/manifest/platform.ts';

const AccessRecordSchema = describe(
  z.object({
    at: describe(z.iso.datetime(), 'When the staff member read the data'),
    staffRoles: describe(z.array(z.enum(roles)), 'The roles the staff member read under (staff are never named)'),
    resource: describe(
      z.object({
        kind: describe(
          z.enum(resourceKinds),
          'What was opened: a complaint, its messages or history, a work-queue line, a notice, a case, an appeal, survey comments',
        ),
        id: describe(z.string(), 'Its id'),
      }),
      'What was opened',
    ),
    fields: describe(z.array(z.string()), 'The fields of the person’s data that were opened'),
    reason: describe(z.string(), 'The reason the staff member gave'),
  }),
  'One staff read of the person’s data',
);

/** The access-log section of a person's data export: what `exportOf` of the access log returns. */
export const AccessLogExportSchema = describe(
  z.object({
    accessLog: describe(
      z.array(AccessRecordSchema),
      'Who at the platform read the person’s data, newest first, as GET /v1/me/access-log shows it (records are kept 24 months)',
    ),
  }),
  'Access log: the staff reads of the person’s data',
);

export type AccessLogExport = z.infer<typeof AccessLogExportSchema>;
