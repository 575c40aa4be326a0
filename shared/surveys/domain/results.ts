import { campaignId, type Campaign } from '#shared/surveys/domain/campaigns.ts';
import type { Counters } from '#shared/surveys/domain/counters.ts';
import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import {
  ces,
  csat,
  nps,
  targetVerdict,
  type CesFigures,
  type CsatFigures,
  type NpsFigures,
  type TargetRule,
  type TargetVerdict,
} from '#shared/surveys/domain/statistics.ts';

/**
 * A month's survey results, computed from the counters kept as responses arrived: the same few
 * numbers whether the month had a hundred responses or a hundred thousand.
 */

export interface MonthResults {
  month: string;
  campaignId: string;
  campaign: Pick<Campaign, 'status' | 'openedAt' | 'closesAt' | 'definitionVersion' | 'samplingRate'> & { closedAt?: string } | null;
  sampling: {
    /** Monthly: distinct users seen while the campaign ran (the sampling frame). */
    active: number | null;
    invited: number;
    responses: number;
    /** responses / invited; null before anyone was invited. */
    responseRate: number | null;
  };
  csat: CsatFigures & { distribution: Record<string, number> };
  nps: NpsFigures;
  ces: CesFigures;
  choices: Record<string, Record<string, number>>;
  comments: number;
  byChannel: Record<string, CsatFigures>;
  byCategory: Record<string, CsatFigures>;
  target: TargetRule & { verdict: TargetVerdict };
}

const scoreCounts = (counters: Counters, prefix: string, from: number, to: number): Record<number, number> => {
  const out: Record<number, number> = {};
  for (let s = from; s <= to; s += 1) out[s] = counters[`${prefix}${s}`] ?? 0;
  return out;
};

/** `post-resolution#channel#web#n` and `...#satisfied` grouped into CSAT figures per key. */
const breakdown = (counters: Counters, prefix: string): Record<string, CsatFigures> => {
  const keys = new Set<string>();
  for (const name of Object.keys(counters)) {
    if (name.startsWith(prefix) && name.endsWith('#n')) keys.add(name.slice(prefix.length, -2));
  }
  return Object.fromEntries(
    [...keys].sort().map((key) => {
      const n = counters[`${prefix}${key}#n`] ?? 0;
      const satisfied = counters[`${prefix}${key}#satisfied`] ?? 0;
      // CSAT of a group from its n and satisfied: the distribution as 1s (unsatisfied) and 5s.
      return [key, csat({ 1: n - satisfied, 5: satisfied })];
    }),
  );
};

export const monthResults = (
  kind: SurveyKind,
  month: string,
  counters: Counters,
  campaign: Campaign | undefined,
  defaultRule: TargetRule,
): MonthResults => {
  const k = `${kind}#`;
  const csatCounts = scoreCounts(counters, `${k}csat#`, 1, 5);
  const csatFigures = csat(csatCounts);
  const invited = counters[`${k}invited`] ?? 0;
  const responses = counters[`${k}responses`] ?? 0;
  const choices: Record<string, Record<string, number>> = {};
  for (const [name, n] of Object.entries(counters)) {
    if (!name.startsWith(`${k}choice#`)) continue;
    const [question = '', option = ''] = name.slice(`${k}choice#`.length).split('#');
    (choices[question] ??= {})[option] = n;
  }
  const rule = campaign?.target ?? defaultRule;
  return {
    month,
    campaignId: campaignId(kind, month),
    campaign: campaign
      ? {
          status: campaign.status,
          openedAt: campaign.openedAt,
          closesAt: campaign.closesAt,
          ...(campaign.closedAt && { closedAt: campaign.closedAt }),
          definitionVersion: campaign.definitionVersion,
          samplingRate: campaign.samplingRate,
        }
      : null,
    sampling: {
      active: kind === 'monthly' ? (counters[`${k}active`] ?? 0) : null,
      invited,
      responses,
      responseRate: invited === 0 ? null : responses / invited,
    },
    csat: { ...csatFigures, distribution: { ...csatCounts } },
    nps: nps(scoreCounts(counters, `${k}nps#`, 0, 10)),
    ces: ces(scoreCounts(counters, `${k}ces#`, 1, 7)),
    choices,
    comments: counters[`${k}comments`] ?? 0,
    byChannel: breakdown(counters, `${k}channel#`),
    byCategory: breakdown(counters, `${k}category#`),
    target: { ...rule, verdict: targetVerdict(rule, csatFigures) },
  };
};

export interface TrendPoint {
  month: string;
  n: number;
  csat: number | null;
  lower: number | null;
  upper: number | null;
  verdict: TargetVerdict;
  /** CSAT change from the previous month, in points; null when either month has no estimate. */
  change: number | null;
}

export const trend = (months: readonly MonthResults[]): TrendPoint[] =>
  months.map((m, i) => {
    const previous = i > 0 ? months[i - 1]!.csat.score : null;
    return {
      month: m.month,
      n: m.csat.n,
      csat: m.csat.score,
      lower: m.csat.wilson95?.lower ?? null,
      upper: m.csat.wilson95?.upper ?? null,
      verdict: m.target.verdict,
      change: previous === null || m.csat.score === null ? null : (m.csat.score - previous) * 100,
    };
  });
