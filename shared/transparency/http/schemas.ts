import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { idPattern } from '#shared/ids.ts';
import { policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/** The longest Markdown text per language (the whole body stays within the API's 64 KiB). */
const MAX_TEXT_CHARS = 20_000;
const MAX_SUMMARY_CHARS = 2_000;

const Instant = z.iso.datetime();
const Language = z.enum(policyLanguages);
const VersionNumber = z.coerce.number().check(z.int(), z.minimum(1), z.maximum(999_999));

const localized = (text: z.ZodMiniString, what: string) =>
  z.strictObject({
    en: meta(text, { description: `${what}, in English` }),
    'zh-CN': meta(text, { description: `${what}, in Simplified Chinese` }),
  });

/** Kept exactly as written (what is published is what comms wrote), so not trimmed; never blank. */
const PolicyText = z.string().check(z.maxLength(MAX_TEXT_CHARS), z.regex(/\S/, 'Must not be blank'));
const Summary = z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_SUMMARY_CHARS));
const EffectiveDate = meta(z.iso.date(), {
  description:
    'The day the version takes effect, from 00:00 UTC; at publication at least the minimum notice after it (first version: that day or later)',
});

const contentFields = {
  text: localized(PolicyText, 'The policy in Markdown (raw HTML is shown as text)'),
  effectiveDate: EffectiveDate,
  summaryOfChanges: localized(Summary, 'What changed from the version it replaces'),
};

export const DraftContentSchema = meta(z.strictObject(contentFields), { id: 'PrivacyPolicyDraftContent' });
export const DraftRevisionSchema = meta(
  z.strictObject({
    ...contentFields,
    revision: meta(z.int().check(z.minimum(1)), { description: 'The revision of the draft that was read (409 if it was saved since)' }),
  }),
  { id: 'PrivacyPolicyDraftRevision' },
);
export const PublishRequestSchema = meta(
  z.strictObject({
    revision: meta(z.int().check(z.minimum(1)), { description: 'The revision of the draft that was read and is to be published' }),
  }),
  { id: 'PrivacyPolicyPublishRequest' },
);
export const AcknowledgementRequestSchema = meta(
  z.strictObject({
    version: meta(z.int().check(z.minimum(1)), { description: 'The number of the version in force, as shown to the person' }),
  }),
  { id: 'PrivacyPolicyAcknowledgementRequest' },
);

export const DraftIdPathSchema = z.strictObject({
  id: meta(z.string().check(z.regex(idPattern('ppd'), 'Must be a draft id (ppd_…)')), { description: 'The draft’s id' }),
});
export const VersionPathSchema = z.strictObject({ number: meta(VersionNumber, { description: 'The version’s number (1, 2, …)' }) });
export const LanguageQuerySchema = meta(
  z.strictObject({ lang: meta(z.optional(Language), { description: 'The language; else the best of Accept-Language, else en' }) }),
  { id: 'PrivacyPolicyLanguageQuery' },
);
export const DiffQuerySchema = meta(
  z.strictObject({
    from: meta(VersionNumber, { description: 'The earlier version to compare with' }),
    lang: meta(z.optional(Language), { description: 'The language; else the best of Accept-Language, else en' }),
  }),
  { id: 'PrivacyPolicyDiffQuery' },
);

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
