import * as z from 'zod';
import { resourceKinds } from '#shared/access-log/domain/staff-read.ts';
import { roles } from '#shared/manifest/platform.ts';

const AccessRecordSchema = z
  .object({
    at: z.iso.datetime().describe('When the staff member read the data'),
    staffRoles: z.array(z.enum(roles)).describe('The roles the staff member read under (staff are never named)'),
    resource: z
      .object({
        kind: z.enum(resourceKinds).describe('What was opened: a complaint, its messages or history, a work-queue line, a notice, a case, an appeal, survey comments'),
        id: z.string().describe('Its id'),
      })
      .describe('What was opened'),
    fields: z.array(z.string()).describe('The fields of the person’s data that were opened'),
    reason: z.string().describe('The reason the staff member gave'),
  })
  .describe('One staff read of the person’s data');

/** The access-log section of a person's data export: what `exportOf` of the access log returns. */
export const AccessLogExportSchema = z
  .object({
    accessLog: z.array(AccessRecordSchema).describe('Who at the platform read the person’s data, newest first, as GET /v1/me/access-log shows it (records are kept 24 months)'),
  })
  .describe('Access log: the staff reads of the person’s data');

export type AccessLogExport = z.infer<typeof AccessLogExportSchema>;
