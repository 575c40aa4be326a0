import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { addMonths, monthStart } from '#shared/surveys/domain/months.ts';
import { monthlySamplingRate, type SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import type { TargetRule, TargetVerdict } from '#shared/surveys/domain/statistics.ts';

/**
 * Campaigns, pure. One campaign per kind and month: `2026-11-monthly` (a random sample of the
 * month's active users) and `2026-11-post-resolution` (every complaint resolved in the month). Its
 * id is derived from the month, so opening it twice opens it once, and the figures of a campaign
 * are the figures of its month.
 */

type CampaignStatus = 'open' | 'closed';

export interface Campaign {
  id: string;
  kind: SurveyKind;
  /** `2026-11`: the month whose users (monthly) or resolutions (post-resolution) it surveys. */
  month: string;
  status: CampaignStatus;
  definitionVersion: number;
  /** Share of active users invited (monthly); 1 for post-resolution surveys. */
  samplingRate: number;
  /** The rule for "target met", pinned when the campaign opens. */
  target: TargetRule;
  openedAt: string;
  /** Responses are accepted before this time. */
  closesAt: string;
  closedAt?: string;
  verdict?: TargetVerdict;
}

export const campaignId = (kind: SurveyKind, month: string): string => `${month}-${kind}`;
export const CAMPAIGN_ID = /^\d{4}-(0[1-9]|1[0-2])-(monthly|post-resolution)$/;

/** Opens the campaign of a kind for a month, under the policy and definition in force now. */
export const newCampaign = (
  kind: SurveyKind,
  month: string,
  definitionVersion: number,
  policy: SurveyPolicy,
  now: Date,
): Campaign => {
  const nextMonthStart = monthStart(addMonths(month, 1));
  // A post-resolution survey resolved on the month's last day may be answered for the whole window.
  const closesAt =
    kind === 'monthly' ? nextMonthStart : new Date(nextMonthStart.getTime() + policy.postResolutionWindowMs);
  return {
    id: campaignId(kind, month),
    kind,
    month,
    status: 'open',
    definitionVersion,
    samplingRate: kind === 'monthly' ? monthlySamplingRate(policy) : 1,
    target: policy.target,
    openedAt: now.toISOString(),
    closesAt: closesAt.toISOString(),
  };
};

export const isAccepting = (campaign: Campaign, now: Date): boolean =>
  campaign.status === 'open' && now < new Date(campaign.closesAt);
