import * as z from 'zod';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { idPattern } from '#shared/ids.ts';
import { CONTENT_MAX_LENGTH, educationAudiences, educationLocales, READ_WINDOW_DAYS, TITLE_MAX_LENGTH } from '#shared/security/domain/education.ts';

const Instant = z.iso.datetime();

const localized = (max: number, what: string) =>
  z.strictObject({
    en: z.string().trim().min(1).max(max).meta({ description: `${what} in English` }),
    'zh-CN': z.string().trim().min(1).max(max).meta({ description: `${what} in Simplified Chinese` }),
  });
const Title = localized(TITLE_MAX_LENGTH, 'The title');
const Content = localized(CONTENT_MAX_LENGTH, 'The lesson, plain text or Markdown (kept as text, never rendered by the API)');

export const CampaignIdPathSchema = z.strictObject({
  id: z.string().regex(idPattern('edu'), 'Must be a campaign id (edu_…)').meta({ description: 'The campaign’s id' }),
});

export const CampaignsQuerySchema = z.strictObject({ limit: pageLimit, cursor: pageCursor }).meta({ id: 'EducationCampaignsQuery' });

export const CampaignDraftSchema = z
  .strictObject({
    title: Title,
    content: Content,
    audience: z.enum(educationAudiences).meta({ description: '`people` (users), `staff` (staff accounts) or `everyone`' }),
    startsAt: Instant.meta({ description: 'When it starts (not in the past)' }),
    endsAt: Instant.meta({ description: 'When it ends: one to 92 days after the start' }),
  })
  .meta({
    id: 'EducationCampaignDraft',
    description: 'Campaigns for overlapping audiences (everyone overlaps both others) may not overlap in time.',
  });

const AudienceSizeSchema = z
  .union([z.object({ count: z.number().int(), basis: z.string() }), z.object({ count: z.null(), reason: z.string() })])
  .meta({ id: 'EducationAudienceSize', description: 'How many people the campaign is for, measured when it starts; or null with the reason' });

const statusSchema = z.enum(['scheduled', 'running', 'ended']);

export const CampaignSchema = z
  .object({
    id: z.string(),
    title: Title,
    content: Content,
    audience: z.enum(educationAudiences),
    startsAt: Instant,
    endsAt: Instant,
    status: statusSchema,
    createdBy: z.string(),
    createdAt: Instant,
    updatedBy: z.string(),
    updatedAt: Instant,
    announcedAt: Instant.optional().meta({ description: 'When its audience was told it had started' }),
    audienceSize: AudienceSizeSchema.optional(),
  })
  .meta({ id: 'EducationCampaign' });

export const ReachSchema = z
  .object({
    audienceSize: AudienceSizeSchema,
    delivered: z.number().int().meta({ description: 'People shown it (the first time they were)' }),
    read: z.number().int(),
    readWithinDays: z.literal(READ_WINDOW_DAYS),
    readWithinWindow: z.number().int().meta({ description: `People who marked it read within ${READ_WINDOW_DAYS} days of being shown it` }),
    shareReadWithinWindow: z.number().nullable().meta({ description: 'readWithinWindow / delivered; null before anyone is delivered' }),
  })
  .meta({ id: 'EducationReach' });

export const CampaignWithReachSchema = CampaignSchema.extend({ reach: ReachSchema }).meta({ id: 'EducationCampaignWithReach' });

const CampaignSummarySchema = z
  .object({
    id: z.string(),
    title: Title,
    audience: z.enum(educationAudiences),
    startsAt: Instant,
    endsAt: Instant,
    status: statusSchema,
    announcedAt: Instant.optional(),
  })
  .meta({ id: 'EducationCampaignSummary' });

export const CampaignPageSchema = z.object({ items: z.array(CampaignSummarySchema), nextCursor: z.string().nullable() }).meta({ id: 'EducationCampaignPage' });

export const CurrentCampaignSchema = z
  .object({
    campaign: z
      .object({
        id: z.string(),
        locale: z.enum(educationLocales),
        title: z.string(),
        content: z.string().meta({ description: 'Plain text or Markdown, as security staff wrote it' }),
        startsAt: Instant,
        endsAt: Instant,
        deliveredAt: Instant.meta({ description: 'When this person was first shown it' }),
        readAt: Instant.nullable(),
      })
      .nullable()
      .meta({ description: 'The campaign running now for the caller’s audience, in their language; null when none runs' }),
  })
  .meta({ id: 'CurrentEducationCampaign' });

export const ReadReceiptSchema = z
  .object({ id: z.string(), deliveredAt: Instant, readAt: Instant.meta({ description: 'The first read: a second one changes nothing' }) })
  .meta({ id: 'EducationReadReceipt' });
