import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { Quarter, Revision } from '#shared/transparency/http/report-api-schemas.ts';
import { QualitativeSectionsSchema, ReportFiguresSchema, ReportVersionSchema } from '#shared/transparency/http/report-schemas.ts';

/**
 * The answers of the report's routes: their part of the OpenAPI document comes from these schemas
 * (the report itself, which the function does use at run time for its JSON Schema, is in
 * report-schemas.ts). Nothing parses an answer at run time, so the function never imports this
 * module and never builds these schemas (requests are in report-api-schemas.ts).
 */

const Instant = z.iso.datetime({ offset: true });
const Hash = z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/));

const VersionReference = z.strictObject({ version: z.int().check(z.minimum(1)), publishedAt: Instant, contentHash: Hash });

export const ReportDraftSchema = meta(
  z.strictObject({
    quarter: Quarter,
    revision: Revision,
    figures: ReportFiguresSchema,
    qualitative: QualitativeSectionsSchema,
    createdAt: Instant,
    updatedAt: Instant,
    contentHash: meta(Hash, { description: 'The hash the draft’s content would be published under' }),
    latestVersion: meta(z.nullable(VersionReference), { description: 'The quarter’s latest published version; null before the first' }),
    unpublishedChanges: meta(z.boolean(), { description: 'false: the draft is what the latest version shows; publishing changes nothing' }),
    changedSinceLatest: meta(z.nullable(z.array(z.string())), {
      description:
        'The paths that differ from the latest version (`figures.customerService.received`; the first 100), for the correction; null before the first',
    }),
  }),
  { id: 'TransparencyReportDraft' },
);

const PublishedQuarterSchema = meta(
  z.strictObject({
    quarter: Quarter,
    version: meta(z.int().check(z.minimum(1)), { description: 'The latest version' }),
    publishedAt: meta(Instant, { description: 'When the latest version was published' }),
    firstPublishedAt: meta(Instant, { description: 'When the first version was published' }),
    contentHash: Hash,
    supersedes: z.nullable(z.int().check(z.minimum(1))),
  }),
  { id: 'TransparencyReportPublishedQuarter' },
);

export const PublishedQuarterListSchema = meta(
  z.strictObject({ items: meta(z.array(PublishedQuarterSchema), { description: 'Every published quarter, newest first' }) }),
  { id: 'TransparencyReportList' },
);

export const ReportPublishedSchema = meta(
  z.strictObject({
    version: ReportVersionSchema,
    created: meta(z.boolean(), { description: 'false: the latest version has this content already; nothing changed' }),
  }),
  { id: 'TransparencyReportPublished' },
);
