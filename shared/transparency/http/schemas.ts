import * as z from 'zod';
import { idPattern } from '#shared/ids.ts';
import { policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/** The longest Markdown text per language (the whole body stays within the API's 64 KiB). */
const MAX_TEXT_CHARS = 20_000;
const MAX_SUMMARY_CHARS = 2_000;

const Instant = z.iso.datetime();
const Language = z.enum(policyLanguages);
const VersionNumber = z.coerce.number().int().min(1).max(999_999);

const localized = (text: z.ZodString, what: string) =>
  z.strictObject({ en: text.meta({ description: `${what}, in English` }), 'zh-CN': text.meta({ description: `${what}, in Simplified Chinese` }) });

/** Kept exactly as written (what is published is what comms wrote), so not trimmed; never blank. */
const PolicyText = z.string().max(MAX_TEXT_CHARS).regex(/\S/, 'Must not be blank');
const Summary = z.string().trim().min(1).max(MAX_SUMMARY_CHARS);
const EffectiveDate = z.iso
  .date()
  .meta({ description: 'The day the version takes effect, from 00:00 UTC; at publication at least the minimum notice after it (first version: that day or later)' });

const contentFields = {
  text: localized(PolicyText, 'The policy in Markdown (raw HTML is shown as text)'),
  effectiveDate: EffectiveDate,
  summaryOfChanges: localized(Summary, 'What changed from the version it replaces'),
};

export const DraftContentSchema = z.strictObject(contentFields).meta({ id: 'PrivacyPolicyDraftContent' });
export const DraftRevisionSchema = z
  .strictObject({ ...contentFields, revision: z.number().int().min(1).meta({ description: 'The revision of the draft that was read (409 if it was saved since)' }) })
  .meta({ id: 'PrivacyPolicyDraftRevision' });
export const PublishRequestSchema = z
  .strictObject({ revision: z.number().int().min(1).meta({ description: 'The revision of the draft that was read and is to be published' }) })
  .meta({ id: 'PrivacyPolicyPublishRequest' });
export const AcknowledgementRequestSchema = z
  .strictObject({ version: z.number().int().min(1).meta({ description: 'The number of the version in force, as shown to the person' }) })
  .meta({ id: 'PrivacyPolicyAcknowledgementRequest' });

export const DraftIdPathSchema = z.strictObject({ id: z.string().regex(idPattern('ppd'), 'Must be a draft id (ppd_…)').meta({ description: 'The draft’s id' }) });
export const VersionPathSchema = z.strictObject({ number: VersionNumber.meta({ description: 'The version’s number (1, 2, …)' }) });
export const LanguageQuerySchema = z
  .strictObject({ lang: Language.optional().meta({ description: 'The language; else the best of Accept-Language, else en' }) })
  .meta({ id: 'PrivacyPolicyLanguageQuery' });
export const DiffQuerySchema = z
  .strictObject({
    from: VersionNumber.meta({ description: 'The earlier version to compare with' }),
    lang: Language.optional().meta({ description: 'The language; else the best of Accept-Language, else en' }),
  })
  .meta({ id: 'PrivacyPolicyDiffQuery' });

const LocalizedText = z.object({ en: z.string(), 'zh-CN': z.string() });
const Status = z.enum(['in-force', 'upcoming', 'superseded']).meta({ description: 'At the time of the answer' });

const VersionSummarySchema = z
  .object({
    number: z.number().int(),
    status: Status,
    effectiveDate: z.iso.date(),
    publishedAt: Instant,
    supersedes: z.number().int().nullable().meta({ description: 'The version this one replaced (null for the first)' }),
    contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/).meta({ description: 'SHA-256 of the published content (texts, effective date, summary of changes)' }),
    summaryOfChanges: LocalizedText,
  })
  .meta({ id: 'PrivacyPolicyVersionSummary' });

export const VersionSchema = VersionSummarySchema.extend({
  language: Language,
  markdown: z.string().meta({ description: 'The text as written' }),
  html: z.string().meta({ description: 'The text rendered from Markdown and sanitised' }),
}).meta({ id: 'PrivacyPolicyVersion' });

export const PolicyInForceSchema = VersionSchema.extend({
  upcoming: VersionSummarySchema.nullable().meta({ description: 'The next version, published and announced, not yet in force' }),
}).meta({ id: 'PrivacyPolicyInForce' });

export const VersionListSchema = z
  .object({
    items: z.array(VersionSummarySchema).meta({ description: 'Every published version, newest first' }),
    inForce: z.number().int().nullable(),
    upcoming: z.number().int().nullable(),
  })
  .meta({ id: 'PrivacyPolicyVersionList' });

export const VersionDiffSchema = z
  .object({
    language: Language,
    from: z.number().int(),
    to: z.number().int(),
    hunks: z.array(
      z.object({
        oldStart: z.number().int(),
        oldLines: z.number().int(),
        newStart: z.number().int(),
        newLines: z.number().int(),
        lines: z.array(z.object({ op: z.enum(['context', 'removed', 'added']), text: z.string() })),
      }),
    ),
    changes: z
      .array(z.object({ number: z.number().int(), effectiveDate: z.iso.date(), summaryOfChanges: z.string() }))
      .meta({ description: 'The summary of changes of each version after `from` up to `to`' }),
  })
  .meta({ id: 'PrivacyPolicyDiff' });

export const AcknowledgementSchema = z
  .object({ version: z.number().int(), acknowledgedAt: Instant.meta({ description: 'When it was first recorded' }) })
  .meta({ id: 'PrivacyPolicyAcknowledgement' });

const DraftSchema = z
  .object({
    id: z.string(),
    status: z.enum(['draft', 'published']),
    revision: z.number().int(),
    text: LocalizedText,
    effectiveDate: z.iso.date(),
    summaryOfChanges: LocalizedText,
    createdAt: Instant,
    updatedAt: Instant,
    publishedAs: z.number().int().optional().meta({ description: 'Once published: the version it became' }),
  })
  .meta({ id: 'PrivacyPolicyDraft' });
export const DraftDetailSchema = DraftSchema.extend({
  preview: LocalizedText.meta({ description: 'The texts rendered and sanitised as they would be published' }),
}).meta({ id: 'PrivacyPolicyDraftDetail' });
export const DraftListSchema = z.object({ items: z.array(DraftSchema) }).meta({ id: 'PrivacyPolicyDraftList' });
export const PublishedSchema = z
  .object({ version: VersionSummarySchema, created: z.boolean().meta({ description: 'false: the draft was published before; nothing changed' }) })
  .meta({ id: 'PrivacyPolicyPublished' });
