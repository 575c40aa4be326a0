import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { idPattern } from '#shared/ids.ts';
import { policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * The privacy policy API's requests: their validation, their TypeScript types and their part of
 * the OpenAPI document come from these schemas. The answers' schemas are in response-schemas.ts,
 * which only the OpenAPI document loads: a schema is built when its module loads, and the
 * function, which never parses an answer, would build them all at every cold start.
 */

/** The longest Markdown text per language (the whole body stays within the API's 64 KiB). */
const MAX_TEXT_CHARS = 20_000;
const MAX_SUMMARY_CHARS = 2_000;

/** The language of a text; the answers' schemas use it too. */
export const Language = z.enum(policyLanguages);
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
