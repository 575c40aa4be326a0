import * as z from 'zod/mini';
import { idPattern } from '#shared/ids.ts';
import { broadcastAudiences, broadcastMessages } from '#shared/notifications/audiences/broadcast.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { Audience, DomainEventEnvelope, Outgoing } from '#shared/notifications/use-cases/ports.ts';
import { EDUCATION_CAMPAIGN_STARTED_EVENT, type EducationCampaignStartedDetail, SECURITY_EVENT_SOURCE } from '#shared/security/index.ts';

const SOURCE = SECURITY_EVENT_SOURCE;

/** The detail as the security context publishes it (the annotation holds the two to the same shape). */
const campaignStartedDetail = z.object({
  campaignId: z.string().check(z.regex(idPattern('edu'))),
  audience: z.enum(broadcastAudiences),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
}) satisfies z.ZodMiniType<EducationCampaignStartedDetail>;

/**
 * What the security context's events mean to people: a security education campaign has started.
 * Its audience is told as a broadcast (the staff, the people or both), in the inbox and by email
 * (a category they may turn off); the app also shows it (`GET /v1/security-education/current`).
 */
export const securityAudience = (): Audience => {
  const byType: Record<string, (detail: unknown) => Outgoing[]> = {
    [EDUCATION_CAMPAIGN_STARTED_EVENT]: (raw) => {
      const d = campaignStartedDetail.parse(raw);
      const params = { reference: d.campaignId, endsAt: d.endsAt };
      return broadcastMessages(d.audience, 'security-education-campaign', params);
    },
  };
  return {
    source: SOURCE,
    detailTypes: notifiedEvents[SOURCE],
    messagesFor: async (event: DomainEventEnvelope) => byType[event['detail-type']]?.(event.detail) ?? [],
  };
};
