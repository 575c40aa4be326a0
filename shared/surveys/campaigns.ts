import type { Logger } from '@aws-lambda-powertools/logger';
import type { FiguresStore } from '#shared/figures/store.ts';
import { builtInDefinitions, surveyKinds, type SurveyDefinition, type SurveyKind } from '#shared/surveys/definitions.ts';
import { campaignId, monthOf, newCampaign, type Campaign } from '#shared/surveys/domain.ts';
import type { SurveyPolicy } from '#shared/surveys/policy.ts';
import type { SurveyRepository } from '#shared/surveys/repository.ts';
import { monthResults } from '#shared/surveys/results.ts';
import type { TargetVerdict } from '#shared/surveys/statistics.ts';

/**
 * Definitions and campaigns, shared by the API, the monthly job and the resolution consumer.
 * Definitions are immutable once written, so each version is read once per container.
 */
export const createCampaigns = (deps: {
  repository: SurveyRepository;
  figures: FiguresStore;
  policy: SurveyPolicy;
  logger: Pick<Logger, 'info' | 'warn'>;
}) => {
  const { repository, figures, policy, logger } = deps;
  const versions = new Map<string, SurveyDefinition>();

  const definitions = {
    /** The version in force: the newest stored, or the built-in version 1. */
    async current(kind: SurveyKind): Promise<SurveyDefinition> {
      return (await repository.latestDefinition(kind)) ?? builtInDefinitions[kind];
    },
    async get(kind: SurveyKind, version: number): Promise<SurveyDefinition | undefined> {
      const key = `${kind}#${version}`;
      const cached = versions.get(key);
      if (cached) return cached;
      const found = (await repository.definition(kind, version)) ?? (version === 1 ? builtInDefinitions[kind] : undefined);
      if (found) versions.set(key, found);
      return found;
    },
  };

  /** The campaign of a kind for the month of `now`, opened under the definition and policy in force if absent. */
  const ensure = async (kind: SurveyKind, now: Date): Promise<{ campaign: Campaign; opened: boolean }> => {
    const id = campaignId(kind, monthOf(now));
    const existing = await repository.campaign(id);
    if (existing) return { campaign: existing, opened: false };
    const definition = await definitions.current(kind);
    const campaign = newCampaign(kind, monthOf(now), definition.version, policy, now);
    if (await repository.createCampaign(campaign)) return { campaign, opened: true };
    // Another run opened it first: use theirs.
    return { campaign: (await repository.campaign(id))!, opened: false };
  };

  const verdictOf = async (campaign: Campaign) => {
    const [period] = await figures.range('month', campaign.month, campaign.month);
    return monthResults(campaign.kind, campaign.month, period?.counters ?? {}, campaign, policy.target);
  };

  return {
    definitions,
    ensure,

    /**
     * The scheduled job (hourly): opens this month's campaigns (the first run of a month does), and closes
     * every open campaign whose time is up with its verdict under the rule it was opened with.
     * Repeated runs change nothing: opening and closing are conditional writes. Each closing is
     * logged once, with `surveyTargetNotMet` (1 unless the target was met) for the alarm.
     */
    async runJob(now: Date) {
      const opened: string[] = [];
      for (const kind of surveyKinds) {
        const { campaign, opened: isNew } = await ensure(kind, now);
        if (isNew) opened.push(campaign.id);
      }
      const closed: Array<{ campaignId: string; kind: SurveyKind; month: string; verdict: TargetVerdict; n: number; csat: number | null }> = [];
      for (const id of await repository.campaignsToClose(now)) {
        const campaign = await repository.campaign(id);
        if (!campaign || campaign.status !== 'open') continue;
        const results = await verdictOf(campaign);
        const verdict = results.target.verdict;
        if (!(await repository.closeCampaign(id, now, verdict))) continue;
        const summary = { campaignId: id, kind: campaign.kind, month: campaign.month, verdict, n: results.csat.n, csat: results.csat.score };
        closed.push(summary);
        logger.info('survey campaign closed', {
          ...summary,
          lower: results.csat.wilson95?.lower ?? null,
          upper: results.csat.wilson95?.upper ?? null,
          surveyTargetNotMet: verdict === 'met' ? 0 : 1,
        });
      }
      return { now: now.toISOString(), opened, closed };
    },
  };
};

export type Campaigns = ReturnType<typeof createCampaigns>;
