import type { Caller } from '#shared/auth/caller.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { problems } from '#shared/http/problem.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { hasStarted, type CampaignDraft } from '#shared/security/domain/education.ts';
import { campaignView, type CampaignView, type EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';
import { checkDraft } from '#shared/security/use-cases/education-schedule.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/**
 * Security staff rewrite a campaign (texts, audience, period) until it starts; once started it is
 * what people were shown, so a change is a 409. The new schedule is held to the same rules as a
 * new campaign's; a concurrent change is retried on a fresh read.
 */
export const updateCampaign = async (ports: EducationApiPorts, caller: Caller, id: string, draft: CampaignDraft): Promise<CampaignView> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  const saved = await retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const campaign = await ports.education.getCampaign(id, { consistent: true });
      if (!campaign) throw problems.notFound('No such campaign.');
      if (hasStarted(campaign, now)) throw problems.conflict('education-campaign-started', 'The campaign has started: it can no longer be changed.');
      await checkDraft(ports, draft, now, id);
      const next = { ...campaign, ...draft, updatedBy: caller.sub, updatedAt: now.toISOString(), version: campaign.version + 1 };
      await ports.education.saveCampaign(next, campaign);
      return next;
    },
  );
  return campaignView(saved, now);
};
