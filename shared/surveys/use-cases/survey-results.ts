import type { Caller } from '#shared/auth/caller.ts';
import { campaignId } from '#shared/surveys/domain/campaigns.ts';
import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { monthsBetween } from '#shared/surveys/domain/months.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { monthResults, trend, type MonthResults, type TrendPoint } from '#shared/surveys/domain/results.ts';
import { surveyStaffRoles } from '#shared/surveys/domain/roles.ts';
import type { CampaignStore, MonthFigures } from '#shared/surveys/use-cases/ports.ts';
import { requireRole } from '#shared/surveys/use-cases/require-role.ts';

interface SurveyResults {
  kind: SurveyKind;
  from: string;
  to: string;
  months: MonthResults[];
  trend: TrendPoint[];
}

/**
 * The survey results of a range of months for staff (GET /v1/figures/surveys): each month from its
 * counters and its campaign (the target rule it pinned; the policy's rule for a month without a
 * campaign), and the CSAT trend month by month. A couple of reads whatever the number of responses.
 */
export const surveyResults =
  (deps: MonthResultsDeps) =>
  async (caller: Pick<Caller, 'roles'>, query: { kind: SurveyKind; from: string; to: string }): Promise<SurveyResults> => {
    requireRole(caller, surveyStaffRoles, 'Survey results');
    const results = await readMonthResults(deps, query);
    return { kind: query.kind, from: query.from, to: query.to, months: results, trend: trend(results) };
  };

type MonthResultsDeps = { figures: MonthFigures; campaigns: Pick<CampaignStore, 'getMany'>; policy: Pick<SurveyPolicy, 'target'> };

/** Each month's results of a kind of survey from `from` to `to`, oldest first (what the staff route and the transparency report read). */
export const readMonthResults = async (deps: MonthResultsDeps, query: { kind: SurveyKind; from: string; to: string }): Promise<MonthResults[]> => {
  const months = monthsBetween(query.from, query.to);
  const [periods, found] = await Promise.all([
    deps.figures.range('month', query.from, query.to),
    deps.campaigns.getMany(months.map((m) => campaignId(query.kind, m))),
  ]);
  const countersOf = new Map(periods.map((p) => [p.period, p.counters]));
  const campaignOf = new Map(found.map((c) => [c.month, c]));
  return months.map((m) => monthResults(query.kind, m, countersOf.get(m) ?? {}, campaignOf.get(m), deps.policy.target));
};
