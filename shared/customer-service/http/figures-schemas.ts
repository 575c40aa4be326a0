import * as z from 'zod/mini';
import { describe, meta } from '#shared/zod.ts';
import { categories, channels, statuses } from '#shared/customer-service/domain/complaint.ts';
import { slaTargets } from '#shared/customer-service/domain/sla-policy.ts';
import { count, countsBy } from '#shared/figures/schemas.ts';
import { granularities } from '#shared/figures/periods.ts';

/** The customer-service figures as the API answers them (computed in domain/figures.ts). */

const PeriodFiguresSchema = meta(
  z.object({
    period: z.string(),
    received: count,
    receivedByChannel: countsBy(channels),
    receivedByCategory: countsBy(categories),
    firstResponses: count,
    firstResponseMinutes: describe(
      z.object({ median: z.nullable(z.number()), p90: z.nullable(z.number()) }),
      'Active time to the first response (waiting on the user excluded), as the upper edge of its histogram bucket',
    ),
    answeredWithin24Hours: describe(
      z.object({ met: count, missed: count, share: z.nullable(z.number()) }),
      'The 24-hour promise: met / (met + missed), decided once per complaint',
    ),
    warnings: countsBy(slaTargets.filter((t) => t !== 'commitment')),
    breaches: countsBy(['total', ...slaTargets]),
    escalations: count,
    resolved: count,
    resolvedLate: count,
    reopened: count,
    closed: count,
    backlogAtLastSweep: describe(countsBy(statuses), 'The backlog by status when the sweep last ran in the period'),
  }),
  { id: 'PeriodFigures' },
);

export const CustomerServiceFiguresSchema = meta(
  z.object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: describe(z.array(PeriodFiguresSchema), 'Every period of the range, oldest first'),
    total: describe(PeriodFiguresSchema, 'The whole range (backlog: at the end of the range)'),
    backlog: describe(countsBy(statuses), 'The backlog by status now'),
  }),
  { id: 'CustomerServiceFigures' },
);
