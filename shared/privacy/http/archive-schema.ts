import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { AccessLogExportSchema } from '#shared/access-log/http/data-export-schema.ts';
import { customerServiceExportSchema } from '#shared/customer-service/http/data-export-schema.ts';
import { ModerationDataExportSchema } from '#shared/moderation/http/data-export-schema.ts';
import { NotificationsExportSchema } from '#shared/notifications/http/data-export-schema.ts';
import { SubjectSchema } from '#shared/privacy/http/schemas.ts';
import { PrivacyRequestSchema } from '#shared/privacy/http/response-schemas.ts';
import { surveysExportSchema } from '#shared/surveys/http/data-export-schema.ts';
import { TransparencyExportSchema } from '#shared/transparency/http/data-export-schema.ts';

/**
 * The archive of a data export, as documented: its format and version, and one section per context
 * in that context's own schema (`http/data-export-schema.ts` of each). A client reads `sections`
 * by `version`.
 */
export const ArchiveSchema = meta(
  z.object({
    format: z.literal('user-protection.data-export'),
    version: z.literal(1),
    requestId: z.string(),
    generatedAt: z.iso.datetime(),
    subject: SubjectSchema,
    sections: z.strictObject({
      'customer-service': customerServiceExportSchema,
      moderation: ModerationDataExportSchema,
      surveys: surveysExportSchema,
      notifications: NotificationsExportSchema,
      transparency: TransparencyExportSchema,
      'access-log': AccessLogExportSchema,
      privacy: describe(z.object({ requests: z.array(PrivacyRequestSchema) }), 'Your requests about your data'),
    }),
  }),
  { id: 'DataExportArchive' },
);
