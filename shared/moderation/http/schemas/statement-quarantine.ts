import * as z from 'zod';
import { PuidSchema } from '#shared/moderation/domain/ids.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/** The statements of reasons the Transparency Database refused as invalid, as moderators read and release them. */

const ApiErrorsSchema = z
  .record(z.string(), z.array(z.string()))
  .describe("The database's answer: field (or `statements.<index>.<field>`) to its messages, bounded; no statement content")
  .meta({ example: { content_date: ['The content date must be a date after or equal to 2000-01-01.'] } });

const QuarantineReleaseSchema = z
  .object({
    releasedAt: isoTime,
    releasedBy: z.string().describe('The moderator who released it'),
    quarantinedAt: isoTime.describe('When the quarantine this release ended began'),
    errors: ApiErrorsSchema,
  })
  .meta({ id: 'QuarantineRelease' });

const QuarantinedStatementSchema = z
  .object({
    puid: PuidSchema,
    issuedAt: isoTime,
    quarantinedAt: isoTime,
    errors: ApiErrorsSchema,
    releases: z.array(QuarantineReleaseSchema).describe('Its earlier quarantines, each ended by a release, oldest first'),
  })
  .meta({ id: 'QuarantinedStatement' });
export const QuarantinePageSchema = z
  .object({ items: z.array(QuarantinedStatementSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'QuarantinedStatementPage' });

export const ReleasedStatementSchema = z
  .object({
    puid: PuidSchema,
    status: z.literal('pending').describe('Waiting for the next run of the submission job'),
    issuedAt: isoTime,
    releases: z.array(QuarantineReleaseSchema).describe('Every quarantine of the statement, this one last'),
  })
  .meta({ id: 'ReleasedStatement' });
