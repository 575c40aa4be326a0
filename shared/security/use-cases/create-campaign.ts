import type { Caller } from '#shared/auth/caller.ts';
import { newId } from '#shared/ids.ts';
import type { Campaign, CampaignDraft } from '#shared/security/domain/education.ts';
import { campaignView, type CampaignView, type EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';
import { checkDraft } from '#shared/security/use-cases/education-schedule.ts';
import { requireSecurityStaff } from '#shared/security/use-cases/ports.ts';

/**
 * Security staff schedule a campaign: its schedule is held to the rules (not in the past, a day to
 * a quarter long, no overlap with a campaign for an overlapping audience: 409), and it is stored
 * with who wrote it. It reaches nobody before it starts.
 */
export const createCampaign = async (ports: EducationApiPorts, caller: Caller, draft: CampaignDraft): Promise<CampaignView> => {
  requireSecurityStaff(caller);
  const now = ports.clock.now();
  await checkDraft(ports, draft, now);
  const at = now.toISOString();
  const campaign: Campaign = { id: newId('edu', now), ...draft, createdBy: caller.sub, createdAt: at, updatedBy: caller.sub, updatedAt: at, version: 0 };
  await ports.education.saveCampaign(campaign);
  return campaignView(campaign, now);
};
