import { campaignId, newCampaign, type Campaign } from '#shared/surveys/domain/campaigns.ts';
import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { monthOf } from '#shared/surveys/domain/months.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import type { DefinitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';
import type { CampaignStore } from '#shared/surveys/use-cases/ports.ts';

export interface EnsureCampaignDeps {
  campaigns: Pick<CampaignStore, 'get' | 'create'>;
  definitions: Pick<DefinitionsInForce, 'current'>;
  policy: SurveyPolicy;
}

/**
 * The campaign of a kind for the month of `now`: the stored one, or one opened now under the
 * definition and policy in force. Opening is a conditional write, so when another run opened it
 * first, theirs is the campaign.
 */
export const ensureCampaign = async (
  deps: EnsureCampaignDeps,
  kind: SurveyKind,
  now: Date,
): Promise<{ campaign: Campaign; opened: boolean }> => {
  const id = campaignId(kind, monthOf(now));
  const existing = await deps.campaigns.get(id);
  if (existing) return { campaign: existing, opened: false };
  const definition = await deps.definitions.current(kind);
  const campaign = newCampaign(kind, monthOf(now), definition.version, deps.policy, now);
  if (await deps.campaigns.create(campaign)) return { campaign, opened: true };
  return { campaign: (await deps.campaigns.get(id))!, opened: false };
};
