import type { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod/mini';
import type { Clock } from '#shared/clock.ts';
import { idPattern, idPrefixes, newId } from '#shared/ids.ts';
import { isAccepting } from '#shared/surveys/domain/campaigns.ts';
import { samplingCounters } from '#shared/surveys/domain/counters.ts';
import { invitedEvent } from '#shared/surveys/domain/events.ts';
import { newInvitation } from '#shared/surveys/domain/invitations.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import { ensureCampaign, type EnsureCampaignDeps } from '#shared/surveys/use-cases/ensure-campaign.ts';
import { commitChange } from '#shared/events/outbox.ts';
import type { ComplaintOwners, InvitationStore, SurveyOutbox } from '#shared/surveys/use-cases/ports.ts';

/** The event the rule delivers, as the rule's one definition matches it. */
const rule = surveysManifest.eventRules.complaintResolvedSurvey;

const ResolvedEventSchema = z.object({
  source: z.literal(rule.sources[0]),
  'detail-type': z.literal(rule.detailTypes[0]),
  time: z.iso.datetime({ offset: true }),
  detail: z.object({
    complaintId: z.string().check(z.regex(idPattern(idPrefixes.complaint))),
    channel: z.string().check(z.maxLength(40)),
    category: z.string().check(z.maxLength(40)),
    occurredAt: z.optional(z.iso.datetime({ offset: true })),
  }),
});

export type ResolutionOutcome = 'invited' | 'duplicate' | 'complaint-not-found' | 'not-resolved' | 'no-account' | 'campaign-closed';

interface InviteAfterResolutionDeps extends EnsureCampaignDeps {
  invitations: Pick<InvitationStore, 'complaintSurveyed' | 'invitePostResolution'>;
  complaints: ComplaintOwners;
  outbox: SurveyOutbox;
  clock: Clock;
  logger: Pick<Logger, 'info' | 'warn'>;
}

/**
 * The post-resolution survey: a delivered `complaint.resolved` event invites the complaint's owner
 * to rate how it was handled. The event names the complaint, not its owner (events carry no
 * personal data), so the owner is asked of customer service, with the complaint's status: a
 * complaint that is not resolved now (reopened since, or never) invites nobody. Complaints filed
 * by an integration belong to a pseudonym, not an account that can answer. The invitation is
 * written with its `survey.invited` event (an outbox item in the same transaction). Idempotent: one
 * invitation per complaint, ever (a conditional write on the complaint's marker), so a redelivered event, or a complaint
 * resolved again after a reopening, invites once; only a failed condition on that marker is a
 * duplicate. Throws on failures worth a retry (concurrent writes that kept the invitation out
 * included: the event is retried, never counted as done), and on an event that is not a
 * complaint.resolved (a wiring error).
 */
export const inviteAfterResolution = async (deps: InviteAfterResolutionDeps, event: unknown): Promise<ResolutionOutcome> => {
  const { detail, time } = parseResolvedEvent(deps, event);
  const complaintId = detail.complaintId;
  if (await deps.invitations.complaintSurveyed(complaintId)) return 'duplicate';
  const complaint = await deps.complaints.ownerOf(complaintId);
  if (!complaint) {
    deps.logger.warn('Resolved complaint not found', { complaintId });
    return 'complaint-not-found';
  }
  // An event may be forged, or arrive after the complaint was reopened: only a resolved complaint is rated.
  if (complaint.status !== 'resolved') return 'not-resolved';
  if (complaint.origin !== 'account') return 'no-account';
  const resolvedAt = new Date(detail.occurredAt ?? time);
  const { campaign } = await ensureCampaign(deps, 'post-resolution', resolvedAt);
  if (!isAccepting(campaign, resolvedAt)) return 'campaign-closed';
  const now = deps.clock.now();
  const ref = newId(idPrefixes.surveyInvitation, now);
  const invitation = newInvitation(campaign, complaint.ownerId, resolvedAt, deps.policy, {
    ref,
    complaint: { id: complaintId, channel: detail.channel, category: detail.category },
  });
  const invited = await commitChange(deps.outbox, { events: [invitedEvent({ ...invitation, ref }, false, now)], at: now, changeId: ref }, (outboxItems) =>
    deps.invitations.invitePostResolution(invitation, samplingCounters('post-resolution', true, false), outboxItems),
  );
  if (invited) deps.logger.info('post-resolution survey invited', { complaintId, campaignId: campaign.id });
  return invited ? 'invited' : 'duplicate';
};

const parseResolvedEvent = (deps: Pick<InviteAfterResolutionDeps, 'logger'>, event: unknown) => {
  const parsed = ResolvedEventSchema.safeParse(event);
  if (parsed.success) return parsed.data;
  // The rule only routes these events here: anything else is a wiring error, not worth retrying.
  deps.logger.warn('Not a complaint.resolved event', { issues: parsed.error.issues.map((i) => i.path.join('.')) });
  throw new Error('The survey consumer expects complaint.resolved events');
};
