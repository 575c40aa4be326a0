import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { Language } from '#shared/transparency/http/schemas.ts';

/**
 * The privacy policy API's answers: their TypeScript types and their part of the OpenAPI document
 * come from these schemas. Nothing parses an answer at run time, so the function never imports
 * this module and never builds these schemas (requests are in schemas.ts).
 */

const Instant = z.iso.datetime();
const LocalizedText = z.object({ en: z.string(), 'zh-CN': z.string() });
const Status = meta(z.enum(['in-force', 'upcoming', 'superseded']), { description: 'At the time of the answer' });

const VersionSummarySchema = meta(
  z.object({
    number: z.int(),
    status: Status,
    effectiveDate: z.iso.date(),
    publishedAt: Instant,
    supersedes: meta(z.nullable(z.int()), { description: 'The version this one replaced (null for the first)' }),
    contentHash: meta(z.string().check(z.regex(/^sha256:[0-9a-f]{64}$/)), {
      description: 'SHA-256 of the published content (texts, effective date, summary of changes)',
    }),
    summaryOfChanges: LocalizedText,
  }),
  { id: 'PrivacyPolicyVersionSummary' },
);

export const VersionSchema = meta(
  z.extend(VersionSummarySchema, {
    language: Language,
    markdown: meta(z.string(), { description: 'The text as written' }),
    html: meta(z.string(), { description: 'The text rendered from Markdown and sanitised' }),
  }),
  { id: 'PrivacyPolicyVersion' },
);

export const PolicyInForceSchema = meta(
  z.extend(VersionSchema, {
    upcoming: meta(z.nullable(VersionSummarySchema), { description: 'The next version, published and announced, not yet in force' }),
  }),
  { id: 'PrivacyPolicyInForce' },
);

export const VersionListSchema = meta(
  z.object({
    items: meta(z.array(VersionSummarySchema), { description: 'Every published version, newest first' }),
    inForce: z.nullable(z.int()),
    upcoming: z.nullable(z.int()),
  }),
  { id: 'PrivacyPolicyVersionList' },
);

export const VersionDiffSchema = meta(
  z.object({
    language: Language,
    from: z.int(),
    to: z.int(),
    hunks: z.array(
      z.object({
        oldStart: z.int(),
        oldLines: z.int(),
        newStart: z.int(),
        newLines: z.int(),
        lines: z.array(z.object({ op: z.enum(['context', 'removed', 'added']), text: z.string() })),
      }),
    ),
    changes: meta(z.array(z.object({ number: z.int(), effectiveDate: z.iso.date(), summaryOfChanges: z.string() })), {
      description: 'The summary of changes of each version after `from` up to `to`',
    }),
  }),
  { id: 'PrivacyPolicyDiff' },
);

export const AcknowledgementSchema = meta(
  z.object({ version: z.int(), acknowledgedAt: meta(Instant, { description: 'When it was first recorded' }) }),
  { id: 'PrivacyPolicyAcknowledgement' },
);

const DraftSchema = meta(
  z.object({
    id: z.string(),
    status: z.enum(['draft', 'published']),
    revision: z.int(),
    text: LocalizedText,
    effectiveDate: z.iso.date(),
    summaryOfChanges: LocalizedText,
    createdAt: Instant,
    updatedAt: Instant,
    publishedAs: meta(z.optional(z.int()), { description: 'Once published: the version it became' }),
  }),
  { id: 'PrivacyPolicyDraft' },
);
export const DraftDetailSchema = meta(
  z.extend(DraftSchema, {
    preview: meta(LocalizedText, { description: 'The texts rendered and sanitised as they would be published' }),
  }),
  { id: 'PrivacyPolicyDraftDetail' },
);
export const DraftListSchema = meta(z.object({ items: z.array(DraftSchema) }), { id: 'PrivacyPolicyDraftList' });
export const PublishedSchema = meta(
  z.object({
    version: VersionSummarySchema,
    created: meta(z.boolean(), { description: 'false: the draft was published before; nothing changed' }),
  }),
  { id: 'PrivacyPolicyPublished' },
);
