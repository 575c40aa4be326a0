import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { educationAudiences, educationLocales, READ_WINDOW_DAYS } from '#shared/security/domain/education.ts';
import { Content, Instant, Title } from '#shared/security/http/education-schemas.ts';

/**
 * Security education's answers, and the campaigns' reach in the programme figures
 * (figures-schemas.ts): their part of the OpenAPI document comes from these schemas. Nothing
 * parses an answer at run time, so no function imports this module and none builds these schemas
 * (requests are in education-schemas.ts, which this module imports, never the other way round).
 */

const AudienceSizeSchema = meta(
  z.union([z.object({ count: z.int(), basis: z.string() }), z.object({ count: z.null(), reason: z.string() })]),
  { id: 'EducationAudienceSize', description: 'How many people the campaign is for, measured when it starts; or null with the reason' },
);

const statusSchema = z.enum(['scheduled', 'running', 'ended']);

export const CampaignSchema = meta(
  z.object({
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
    announcedAt: meta(z.optional(Instant), { description: 'When its audience was told it had started' }),
    audienceSize: z.optional(AudienceSizeSchema),
  }),
  { id: 'EducationCampaign' },
);

export const ReachSchema = meta(
  z.object({
    audienceSize: AudienceSizeSchema,
    delivered: meta(z.int(), { description: 'People shown it (the first time they were)' }),
    read: z.int(),
    readWithinDays: z.literal(READ_WINDOW_DAYS),
    readWithinWindow: meta(z.int(), { description: `People who marked it read within ${READ_WINDOW_DAYS} days of being shown it` }),
    shareReadWithinWindow: meta(z.nullable(z.number()), { description: 'readWithinWindow / delivered; null before anyone is delivered' }),
  }),
  { id: 'EducationReach' },
);

export const CampaignWithReachSchema = meta(z.extend(CampaignSchema, { reach: ReachSchema }), { id: 'EducationCampaignWithReach' });

const CampaignSummarySchema = meta(
  z.object({
    id: z.string(),
    title: Title,
    audience: z.enum(educationAudiences),
    startsAt: Instant,
    endsAt: Instant,
    status: statusSchema,
    announcedAt: z.optional(Instant),
  }),
  { id: 'EducationCampaignSummary' },
);

export const CampaignPageSchema = pageOf(CampaignSummarySchema, 'EducationCampaignPage');

export const CurrentCampaignSchema = meta(
  z.object({
    campaign: meta(
      z.nullable(
        z.object({
          id: z.string(),
          locale: z.enum(educationLocales),
          title: z.string(),
          content: meta(z.string(), { description: 'Plain text or Markdown, as security staff wrote it' }),
          startsAt: Instant,
          endsAt: Instant,
          deliveredAt: meta(Instant, { description: 'When this person was first shown it' }),
          readAt: z.nullable(Instant),
        }),
      ),
      { description: 'The campaign running now for the caller’s audience, in their language; null when none runs' },
    ),
  }),
  { id: 'CurrentEducationCampaign' },
);

export const ReadReceiptSchema = meta(
  z.object({
    id: z.string(),
    deliveredAt: Instant,
    readAt: meta(Instant, { description: 'The first read: a second one changes nothing' }),
  }),
  { id: 'EducationReadReceipt' },
);
