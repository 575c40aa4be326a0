import * as z from 'zod';
import { categories, channels, statuses } from '#shared/customer-service/domain/complaint.ts';
import { slaTargets } from '#shared/customer-service/domain/sla-policy.ts';
import { count, countsBy } from '#shared/figures/schemas.ts';
import { granularities } from '#shared/figures/periods.ts';

/** The customer-service figures as the API answers them (computed in domain/figures.ts). */

const PeriodFiguresSchema = z
  .object({
    period: z.string(),
    received: count,
    receivedByChannel: countsBy(channels),
    receivedByCategory: countsBy(categories),
    firstResponses: count,
    firstResponseMinutes: z
      .object({ median: z.number().nullable(), p90: z.number().nullable() })
      .describe('Active time to the first response (waiting on the user excluded), as the upper edge of its histogram bucket'),
    answeredWithin24Hours: z
      .object({ met: count, missed: count, share: z.number().nullable() })
      .describe('The 24-hour promise: met / (met + missed), decided once per complaint'),
    warnings: countsBy(slaTargets.filter((t) => t !== 'commitment')),
    breaches: countsBy(['total', ...slaTargets]),
    escalations: count,
    resolved: count,
    resolvedLate: count,
    reopened: count,
    closed: count,
    backlogAtLastSweep: countsBy(statuses).describe('The backlog by status when the sweep last ran in the period'),
  })
  .meta({ id: 'PeriodFigures' });

export const CustomerServiceFiguresSchema = z
  .object({
    granularity: z.enum(granularities),
    from: z.string(),
    to: z.string(),
    periods: z.array(PeriodFiguresSchema).describe('Every period of the range, oldest first'),
    total: PeriodFiguresSchema.describe('The whole range (backlog: at the end of the range)'),
    backlog: countsBy(statuses).describe('The backlog by status now'),
  })
  .meta({ id: 'CustomerServiceFigures' });
