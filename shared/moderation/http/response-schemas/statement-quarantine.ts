import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { PuidSchema } from '#shared/moderation/domain/ids.ts';
import { isoTime } from '#shared/moderation/http/schemas/common.ts';

/**
 * The statements of reasons the Transparency Database refused as invalid, as moderators read and
 * release them: answers only (the paths and pages the routes read are in paths.ts and
 * schemas/common.ts). Nothing parses an answer at run time, so only the OpenAPI document loads this
 * module and the function never builds these schemas.
 */

const ApiErrorsSchema = meta(
  describe(
    z.record(z.string(), z.array(z.string())),
    "The database's answer: field (or `statements.<index>.<field>`) to its messages, bounded; no statement content",
  ),
  { example: { content_date: ['The content date must be a date after or equal to 2000-01-01.'] } },
);

const QuarantineReleaseSchema = meta(
  z.object({
    releasedAt: isoTime,
    releasedBy: describe(z.string(), 'The moderator who released it'),
    quarantinedAt: describe(isoTime, 'When the quarantine this release ended began'),
    errors: ApiErrorsSchema,
  }),
  { id: 'QuarantineRelease' },
);

const QuarantinedStatementSchema = meta(
  z.object({
    puid: PuidSchema,
    issuedAt: isoTime,
    quarantinedAt: isoTime,
    errors: ApiErrorsSchema,
    releases: describe(z.array(QuarantineReleaseSchema), 'Its earlier quarantines, each ended by a release, oldest first'),
  }),
  { id: 'QuarantinedStatement' },
);
export const QuarantinePageSchema = pageOf(QuarantinedStatementSchema, 'QuarantinedStatementPage');

export const ReleasedStatementSchema = meta(
  z.object({
    puid: PuidSchema,
    status: describe(z.literal('pending'), 'Waiting for the next run of the submission job'),
    issuedAt: isoTime,
    releases: describe(z.array(QuarantineReleaseSchema), 'Every quarantine of the statement, this one last'),
  }),
  { id: 'ReleasedStatement' },
);
