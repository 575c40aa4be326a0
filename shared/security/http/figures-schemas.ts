import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { severities } from '#shared/security/domain/audit.ts';
import { educationAudiences } from '#shared/security/domain/education.ts';
import { ON_SCHEDULE_DAYS } from '#shared/security/domain/programme-figures.ts';
import { ReachSchema } from '#shared/security/http/education-response-schemas.ts';
import { IncidentFiguresSchema } from '#shared/security/http/incident-response-schemas.ts';

const bySeverity = z.object(Object.fromEntries(severities.map((severity) => [severity, z.int()])));

const AuditFiguresSchema = meta(
  z.object({
    scheduled: meta(z.int(), { description: 'Runs the quarterly schedule started in the quarter' }),
    scheduledCompleted: z.int(),
    onDemand: meta(z.int(), { description: 'Runs security staff asked for' }),
    failed: z.int(),
    onSchedule: meta(z.boolean(), { description: `A scheduled run completed within ${ON_SCHEDULE_DAYS} days of the quarter's first day` }),
    firstCompletedAt: z.nullable(z.iso.datetime()),
  }),
  { id: 'SecurityAuditFigures' },
);

const FindingFiguresSchema = meta(
  z.object({
    opened: meta(bySeverity, { description: 'Findings first seen in the quarter' }),
    reopened: meta(z.int(), {
      description: 'Findings that became new again (failed again after resolution, or their suppression expired)',
    }),
    resolved: bySeverity,
    overdue: meta(bySeverity, { description: 'Open and past their fix-by at the quarter’s end (now, for the quarter under way)' }),
    medianDaysToFix: meta(z.nullable(z.number()), {
      description: 'From opening to resolution, over those resolved in the quarter; null when none was',
    }),
  }),
  { id: 'SecurityFindingFigures' },
);

const EducationFiguresSchema = meta(
  z.object({
    quarter: z.string(),
    campaignsRun: meta(z.int(), { description: 'Campaigns that started in the quarter' }),
    campaigns: z.array(
      z.extend(ReachSchema, { id: z.string(), audience: z.enum(educationAudiences), startsAt: z.iso.datetime(), endsAt: z.iso.datetime() }),
    ),
    totals: z.object({
      delivered: z.int(),
      read: z.int(),
      readWithinWindow: z.int(),
      shareReadWithinWindow: z.nullable(z.number()),
    }),
  }),
  { id: 'SecurityEducationFigures' },
);

export const SecurityFiguresSchema = meta(
  z.object({
    quarter: z.string(),
    asOf: meta(z.iso.datetime(), { description: 'When the figures were computed' }),
    audits: AuditFiguresSchema,
    findings: FindingFiguresSchema,
    incidents: IncidentFiguresSchema,
    education: EducationFiguresSchema,
  }),
  { id: 'SecurityFigures', description: 'The security programme’s figures of a quarter, as the transparency report states them' },
);
