import * as z from 'zod';
import { periodPatterns } from '#shared/figures/periods.ts';
import { severities } from '#shared/security/domain/audit.ts';
import { educationAudiences } from '#shared/security/domain/education.ts';
import { ON_SCHEDULE_DAYS } from '#shared/security/domain/programme-figures.ts';
import { ReachSchema } from '#shared/security/http/education-schemas.ts';
import { IncidentFiguresSchema } from '#shared/security/http/incident-schemas.ts';

export const SecurityFiguresQuerySchema = z
  .strictObject({
    quarter: z.string().regex(periodPatterns.quarter, 'Must be a quarter such as 2026-Q4').optional().meta({ description: 'Defaults to the current quarter' }),
  })
  .meta({ id: 'SecurityFiguresQuery' });

const bySeverity = z.object(Object.fromEntries(severities.map((severity) => [severity, z.number().int()])));

const AuditFiguresSchema = z
  .object({
    scheduled: z.number().int().meta({ description: 'Runs the quarterly schedule started in the quarter' }),
    scheduledCompleted: z.number().int(),
    onDemand: z.number().int().meta({ description: 'Runs security staff asked for' }),
    failed: z.number().int(),
    onSchedule: z.boolean().meta({ description: `A scheduled run completed within ${ON_SCHEDULE_DAYS} days of the quarter's first day` }),
    firstCompletedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'SecurityAuditFigures' });

const FindingFiguresSchema = z
  .object({
    opened: bySeverity.meta({ description: 'Findings first seen in the quarter' }),
    reopened: z.number().int().meta({ description: 'Findings that became new again (failed again after resolution, or their suppression expired)' }),
    resolved: bySeverity,
    overdue: bySeverity.meta({ description: 'Open and past their fix-by at the quarter’s end (now, for the quarter under way)' }),
    medianDaysToFix: z.number().nullable().meta({ description: 'From opening to resolution, over those resolved in the quarter; null when none was' }),
  })
  .meta({ id: 'SecurityFindingFigures' });

const EducationFiguresSchema = z
  .object({
    quarter: z.string(),
    campaignsRun: z.number().int().meta({ description: 'Campaigns that started in the quarter' }),
    campaigns: z.array(
      ReachSchema.extend({ id: z.string(), audience: z.enum(educationAudiences), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }),
    ),
    totals: z.object({
      delivered: z.number().int(),
      read: z.number().int(),
      readWithinWindow: z.number().int(),
      shareReadWithinWindow: z.number().nullable(),
    }),
  })
  .meta({ id: 'SecurityEducationFigures' });

export const SecurityFiguresSchema = z
  .object({
    quarter: z.string(),
    asOf: z.iso.datetime().meta({ description: 'When the figures were computed' }),
    audits: AuditFiguresSchema,
    findings: FindingFiguresSchema,
    incidents: IncidentFiguresSchema,
    education: EducationFiguresSchema,
  })
  .meta({ id: 'SecurityFigures', description: 'The security programme’s figures of a quarter, as the transparency report states them' });
