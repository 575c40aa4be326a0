import { idPrefixes, newId } from '#shared/ids.ts';
import { campaignId, isAccepting, type Campaign } from '#shared/surveys/domain/campaigns.ts';
import { samplingCounters } from '#shared/surveys/domain/counters.ts';
import { invitedEvent } from '#shared/surveys/domain/events.ts';
import { newInvitation } from '#shared/surveys/domain/invitations.ts';
import { monthOf } from '#shared/surveys/domain/months.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { isSampled, samplingDraw, type Pseudonyms } from '#shared/surveys/domain/sampling.ts';
import { commitChange } from '#shared/events/outbox.ts';
import type { CampaignStore, InvitationStore, SurveyOutbox } from '#shared/surveys/use-cases/ports.ts';

export interface SampleOnSightDeps {
  campaigns: Pick<CampaignStore, 'get'>;
  invitations: Pick<InvitationStore, 'seen' | 'recordSeen'>;
  pseudonyms: Pseudonyms;
  policy: SurveyPolicy;
  outbox: SurveyOutbox;
}

/**
 * The monthly sample, drawn as people are seen: the first time a user is seen while the month's
 * campaign accepts answers, the keyed draw decides once and for all whether they are in its
 * sample (and invites them if so, with its `survey.invited` event in the same transaction, marked
 * as offered in the app: the person is looking at their surveys); being seen again changes
 * nothing. The campaign found open is kept per container: it only closes once its `closesAt` is
 * past, and nothing else of it changes.
 */
export const sampleOnSight = (deps: SampleOnSightDeps) => {
  let openMonthly: Campaign | undefined;

  const acceptingMonthly = async (now: Date): Promise<Campaign | undefined> => {
    const id = campaignId('monthly', monthOf(now));
    if (openMonthly?.id === id && isAccepting(openMonthly, now)) return openMonthly;
    const campaign = await deps.campaigns.get(id);
    if (!campaign || !isAccepting(campaign, now)) return undefined;
    openMonthly = campaign;
    return campaign;
  };

  return async (userId: string, now: Date): Promise<void> => {
    const campaign = await acceptingMonthly(now);
    if (!campaign) return;
    if (await deps.invitations.seen(userId, campaign.id)) return;
    const sampled = isSampled(await samplingDraw(deps.pseudonyms, campaign.id, userId), campaign.samplingRate);
    const ref = newId(idPrefixes.surveyInvitation, now);
    const invitation = sampled ? newInvitation(campaign, userId, now, deps.policy, { ref }) : undefined;
    const events = invitation ? [invitedEvent({ ...invitation, ref }, true, now)] : [];
    // False when a concurrent request of the same user recorded it first: the same draw, so the same outcome.
    await commitChange(deps.outbox, { events, at: now, changeId: ref }, (outboxItems) =>
      deps.invitations.recordSeen(userId, campaign, now, invitation, samplingCounters('monthly', sampled, true), outboxItems),
    );
  };
};
