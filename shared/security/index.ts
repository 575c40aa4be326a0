/**
 * What other contexts may use of the security context: the education campaign's start, which the
 * notifications context turns into messages. Its OpenAPI paths are imported from
 * `#shared/security/http/openapi.ts` by the document only.
 */

/** The source of the security context's domain events. */
export const SECURITY_EVENT_SOURCE = 'user-protection.security';

/** An education campaign has started (published once, by the daily education job). */
export const EDUCATION_CAMPAIGN_STARTED_EVENT = 'security.education-campaign-started';

/** The detail of `security.education-campaign-started`: the campaign's id, audience and period. */
export interface EducationCampaignStartedDetail {
  campaignId: string;
  audience: 'people' | 'staff' | 'everyone';
  startsAt: string;
  endsAt: string;
}
