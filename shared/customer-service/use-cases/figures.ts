import { hasRole } from '#shared/auth/caller.ts';
import { figuresReaderRoles } from '#shared/customer-service/domain/access.ts';
import { ComplaintForbiddenError, statuses } from '#shared/customer-service/domain/complaint.ts';
import {
  periodFigures,
  pick,
  type Counters,
  type CustomerServiceFigures,
  type PeriodFigures,
} from '#shared/customer-service/domain/figures.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { nextPeriod, type FiguresQuery } from '#shared/figures/query.ts';
import type { PersonCaller } from '#shared/http/api-handler.ts';

/** Every period of the range, oldest first, and their total (the backlog: at the end of the range). */
export const figuresView = (
  query: FiguresQuery,
  stored: Array<{ period: string; counters: Counters }>,
  backlog: Counters,
): CustomerServiceFigures => {
  const byPeriod = new Map(stored.map((p) => [p.period, p.counters]));
  const periods: PeriodFigures[] = [];
  const sum: Counters = {};
  let lastBacklog: Counters = {};
  for (let period = query.from; period <= query.to; period = nextPeriod(query.granularity, period)) {
    const counters = byPeriod.get(period) ?? {};
    periods.push(periodFigures(period, counters));
    for (const [name, n] of Object.entries(counters)) {
      if (name.startsWith('backlog#')) continue;
      sum[name] = (sum[name] ?? 0) + n;
    }
    const snapshot = Object.fromEntries(Object.entries(counters).filter(([name]) => name.startsWith('backlog#')));
    if (Object.keys(snapshot).length > 0) lastBacklog = snapshot;
  }
  return {
    ...query,
    periods,
    total: periodFigures(`${query.from}..${query.to}`, { ...sum, ...lastBacklog }),
    backlog: pick(backlog, '', statuses),
  };
};

/**
 * The customer-service figures of a range of periods, for staff (agent, admin, comms): computed
 * from the counters kept as complaints change, plus the backlog by status now.
 */
export const customerServiceFigures = async (
  { figures }: Pick<CustomerServicePorts, 'figures'>,
  caller: PersonCaller,
  query: FiguresQuery,
): Promise<CustomerServiceFigures> => {
  if (!hasRole(caller, ...figuresReaderRoles)) throw new ComplaintForbiddenError('The figures are for staff (agent, admin, comms).');
  const [periods, backlog] = await Promise.all([figures.range(query.granularity, query.from, query.to), figures.current('backlog')]);
  return figuresView(query, periods, backlog);
};
