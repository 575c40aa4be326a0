import * as z from 'zod/mini';
import { broadcastMessages } from '#shared/notifications/audiences/broadcast.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { Audience, DomainEventEnvelope } from '#shared/notifications/use-cases/ports.ts';
import { PRIVACY_POLICY_PUBLISHED_EVENT, type PrivacyPolicyPublishedDetail } from '#shared/transparency/index.ts';

const SOURCE = 'user-protection.transparency';

/** The detail as the transparency context publishes it (the annotation holds the two to the same shape). */
const publishedDetail = z.object({
  version: z.int().check(z.minimum(1)),
  effectiveDate: z.iso.date(),
  publishedAt: z.iso.datetime(),
  supersedes: z.nullable(z.int().check(z.minimum(1))),
}) satisfies z.ZodMiniType<PrivacyPolicyPublishedDetail>;

/**
 * What the transparency context's events mean to people: a new version of the privacy policy is
 * published and takes effect on its day (at least the minimum notice later). It is told to
 * everyone as a broadcast, staff and people, in the inbox and by email (a required notice); the
 * app also shows it, as `GET /v1/privacy-policy` names the upcoming version until it takes effect.
 */
export const transparencyAudience = (): Audience => ({
  source: SOURCE,
  detailTypes: notifiedEvents[SOURCE],
  messagesFor: async (event: DomainEventEnvelope) => {
    if (event['detail-type'] !== PRIVACY_POLICY_PUBLISHED_EVENT) return [];
    const d = publishedDetail.parse(event.detail);
    return broadcastMessages('everyone', 'privacy-policy-update', { reference: String(d.version), effectiveAt: `${d.effectiveDate}T00:00:00.000Z` });
  },
});
