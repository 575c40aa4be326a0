import type { Logger } from '@aws-lambda-powertools/logger';
import type { Outbox, OutboxRelay } from '#shared/events/outbox.ts';
import type { Campaign } from '#shared/surveys/domain/campaigns.ts';
import { surveyKinds, type SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { monthResults } from '#shared/surveys/domain/results.ts';
import type { TargetVerdict } from '#shared/surveys/domain/statistics.ts';
import { ensureCampaign, type EnsureCampaignDeps } from '#shared/surveys/use-cases/ensure-campaign.ts';
import type { CampaignStore, MonthFigures } from '#shared/surveys/use-cases/ports.ts';
import { sendReminders, type ReminderReport, type SendRemindersDeps } from '#shared/surveys/use-cases/send-reminders.ts';

interface ClosedCampaign {
  campaignId: string;
  kind: SurveyKind;
  month: string;
  verdict: TargetVerdict;
  n: number;
  csat: number | null;
}

interface CampaignJobReport {
  now: string;
  opened: string[];
  closed: ClosedCampaign[];
  reminders: ReminderReport;
  /** Events left in the outbox that the stream relay could not publish, published now. */
  eventsRelayed: number;
}

interface CampaignJobDeps extends EnsureCampaignDeps, Omit<SendRemindersDeps, 'policy' | 'outbox'> {
  campaigns: Pick<CampaignStore, 'get' | 'create' | 'dueToClose' | 'close'>;
  figures: MonthFigures;
  outbox: Pick<Outbox, 'stage'>;
  outboxRelay: OutboxRelay;
  logger: Pick<Logger, 'info'>;
}

/**
 * The scheduled campaign job (hourly): opens this month's campaigns (the first run of a month
 * does), closes every open campaign whose time is up with its verdict under the rule it was
 * opened with, sends the one reminder to the invited who have not answered before their survey
 * closes (send-reminders.ts), and last relays the surveys' domain events that requests could not
 * publish (the outbox, past its grace period). Repeated runs change nothing: opening, closing and
 * reminding are conditional writes. Each closing is logged once, with `surveyTargetNotMet` (1
 * unless the target was met) for the alarm.
 */
export const runCampaignJob = async (deps: CampaignJobDeps, now: Date): Promise<CampaignJobReport> => {
  const opened: string[] = [];
  for (const kind of surveyKinds) {
    const { campaign, opened: isNew } = await ensureCampaign(deps, kind, now);
    if (isNew) opened.push(campaign.id);
  }
  const closed: ClosedCampaign[] = [];
  for (const id of await deps.campaigns.dueToClose(now)) {
    const summary = await closeCampaign(deps, id, now);
    if (summary) closed.push(summary);
  }
  const reminders = await sendReminders(deps, now);
  const { events: eventsRelayed } = await deps.outboxRelay.relay(now);
  return { now: now.toISOString(), opened, closed, reminders, eventsRelayed };
};

/** Closes one due campaign with the verdict of its month's figures; undefined when another run closed it. */
const closeCampaign = async (deps: CampaignJobDeps, id: string, now: Date): Promise<ClosedCampaign | undefined> => {
  const campaign = await deps.campaigns.get(id);
  if (!campaign || campaign.status !== 'open') return undefined;
  const results = await resultsOf(deps, campaign);
  const verdict = results.target.verdict;
  if (!(await deps.campaigns.close(id, now, verdict))) return undefined;
  const summary = { campaignId: id, kind: campaign.kind, month: campaign.month, verdict, n: results.csat.n, csat: results.csat.score };
  deps.logger.info('survey campaign closed', {
    ...summary,
    lower: results.csat.wilson95?.lower ?? null,
    upper: results.csat.wilson95?.upper ?? null,
    surveyTargetNotMet: verdict === 'met' ? 0 : 1,
  });
  return summary;
};

const resultsOf = async (deps: Pick<CampaignJobDeps, 'figures' | 'policy'>, campaign: Campaign) => {
  const [period] = await deps.figures.range('month', campaign.month, campaign.month);
  return monthResults(campaign.kind, campaign.month, period?.counters ?? {}, campaign, deps.policy.target);
};
