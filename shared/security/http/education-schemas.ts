import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { idPattern } from '#shared/ids.ts';
import { CONTENT_MAX_LENGTH, educationAudiences, TITLE_MAX_LENGTH } from '#shared/security/domain/education.ts';

/**
 * Security education's requests: their validation, their TypeScript types and their part of the
 * OpenAPI document come from these schemas. The answers' schemas are in
 * education-response-schemas.ts, which only the OpenAPI document loads: a schema is built when its
 * module loads, and the security-education function, which never parses an answer, would build
 * them all at every cold start. `Instant`, `Title` and `Content` are exported for the answers,
 * which use the same schemas (a campaign shows its title and content as they were written).
 */

export const Instant = z.iso.datetime();

const localized = (max: number, what: string) =>
  z.strictObject({
    en: meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(max)), { description: `${what} in English` }),
    'zh-CN': meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(max)), { description: `${what} in Simplified Chinese` }),
  });
export const Title = localized(TITLE_MAX_LENGTH, 'The title');
export const Content = localized(CONTENT_MAX_LENGTH, 'The lesson, plain text or Markdown (kept as text, never rendered by the API)');

export const CampaignIdPathSchema = z.strictObject({
  id: meta(z.string().check(z.regex(idPattern('edu'), 'Must be a campaign id (edu_…)')), { description: 'The campaign’s id' }),
});

export const CampaignsQuerySchema = meta(z.strictObject({ limit: pageLimit, cursor: pageCursor }), { id: 'EducationCampaignsQuery' });

export const CampaignDraftSchema = meta(
  z.strictObject({
    title: Title,
    content: Content,
    audience: meta(z.enum(educationAudiences), { description: '`people` (users), `staff` (staff accounts) or `everyone`' }),
    startsAt: meta(Instant, { description: 'When it starts (not in the past)' }),
    endsAt: meta(Instant, { description: 'When it ends: one to 92 days after the start' }),
  }),
  {
    id: 'EducationCampaignDraft',
    description: 'Campaigns for overlapping audiences (everyone overlaps both others) may not overlap in time.',
  },
);
