import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { idPattern, idPrefixes } from '#shared/ids.ts';
import type { Campaigns } from '#shared/surveys/campaigns.ts';
import { isAccepting, newInvitation, samplingCounters } from '#shared/surveys/domain.ts';
import type { SurveyPolicy } from '#shared/surveys/policy.ts';
import type { SurveyRepository } from '#shared/surveys/repository.ts';

/**
 * The post-resolution survey: every `complaint.resolved` event from customer service invites the
 * complaint's owner to rate how it was handled. The event names the complaint, not its owner
 * (events carry no personal data), so the owner is read from the complaints table.
 *
 * Idempotent: one invitation per complaint, ever (a conditional write on the complaint's marker),
 * so a redelivered event, or a complaint resolved again after a reopening, invites once.
 */

/** The event the rule delivers, as the rule's one definition matches it. */
const rule = surveysManifest.eventRules.complaintResolvedSurvey;

const ResolvedEventSchema = z.object({
  source: z.literal(rule.sources[0]),
  'detail-type': z.literal(rule.detailTypes[0]),
  time: z.iso.datetime({ offset: true }),
  detail: z.object({
    complaintId: z.string().regex(idPattern(idPrefixes.complaint)),
    channel: z.string().max(40),
    category: z.string().max(40),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  }),
});

export type ResolutionOutcome = 'invited' | 'duplicate' | 'complaint-not-found' | 'no-account' | 'campaign-closed';

/** Who owns a complaint, and whether they have an account to answer with. */
export interface ComplaintOwners {
  ownerOf(complaintId: string): Promise<{ ownerId: string; origin: 'account' | 'integration' } | undefined>;
}

export const createResolutionSurveys = (deps: {
  repository: SurveyRepository;
  campaigns: Campaigns;
  complaints: ComplaintOwners;
  policy: SurveyPolicy;
  logger: Pick<Logger, 'info' | 'warn'>;
}) => {
  const { repository, campaigns, complaints, policy, logger } = deps;

  return {
    /** Handles one delivered event; throws only on failures worth a retry (the store is down). */
    async handle(event: unknown): Promise<ResolutionOutcome> {
      const parsed = ResolvedEventSchema.safeParse(event);
      if (!parsed.success) {
        // The rule only routes these events here: anything else is a wiring error, not worth retrying.
        logger.warn('Not a complaint.resolved event', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
        throw new Error('The survey consumer expects complaint.resolved events');
      }
      const { detail } = parsed.data;
      const complaintId = detail.complaintId;
      if (await repository.complaintSurveyed(complaintId)) return 'duplicate';
      const complaint = await complaints.ownerOf(complaintId);
      if (!complaint) {
        logger.warn('Resolved complaint not found', { complaintId });
        return 'complaint-not-found';
      }
      // Complaints filed by an integration belong to a pseudonym, not an account that can answer.
      if (complaint.origin !== 'account') return 'no-account';
      const resolvedAt = new Date(detail.occurredAt ?? parsed.data.time);
      const { campaign } = await campaigns.ensure('post-resolution', resolvedAt);
      if (!isAccepting(campaign, resolvedAt)) return 'campaign-closed';
      const invitation = newInvitation(campaign, complaint.ownerId, resolvedAt, policy, {
        id: complaintId,
        channel: detail.channel,
        category: detail.category,
      });
      const invited = await repository.invitePostResolution(invitation, samplingCounters('post-resolution', true, false));
      if (invited) logger.info('post-resolution survey invited', { complaintId, campaignId: campaign.id });
      return invited ? 'invited' : 'duplicate';
    },
  };
};
