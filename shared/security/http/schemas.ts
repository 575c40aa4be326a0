import * as z from 'zod';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { checkOutcomes, ownerTeams, severities } from '#shared/security/domain/audit.ts';
import { findingStatuses, MAX_SUPPRESSION_DAYS } from '#shared/security/domain/findings.ts';
import { runStatuses } from '#shared/security/domain/runs.ts';
import { idPatterns } from '#shared/security/store/keys.ts';

const Instant = z.iso.datetime();
const Note = z.string().trim().min(1).max(1000).meta({ description: 'Why: kept in the finding’s history with who and when' });

export const RunIdPathSchema = z.strictObject({ id: z.string().regex(idPatterns.runId).meta({ description: 'The audit run’s id' }) });
export const FindingIdPathSchema = z.strictObject({ id: z.string().regex(idPatterns.findingId).meta({ description: 'The finding’s id (stable per check and resource)' }) });

export const RunsQuerySchema = z.strictObject({ limit: pageLimit, cursor: pageCursor }).meta({ id: 'AuditRunsQuery' });

export const FindingsQuerySchema = z
  .strictObject({
    status: z.enum(findingStatuses).optional(),
    severity: z.enum(severities).optional(),
    check: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'Must be a check id such as table.point-in-time-recovery').optional(),
    ownerTeam: z.enum(ownerTeams).optional(),
    limit: pageLimit,
    cursor: pageCursor,
  })
  .meta({ id: 'FindingsQuery' });

export const StatusChangeSchema = z
  .discriminatedUnion('action', [
    z.strictObject({ action: z.enum(['acknowledge', 'resolve', 'reopen']), note: Note.optional() }),
    z.strictObject({
      action: z.literal('suppress'),
      reason: z.string().trim().min(1).max(1000).meta({ description: 'Why the risk is accepted for now' }),
      until: Instant.meta({ description: `When the suppression ends and the finding is new again (in the future, within ${MAX_SUPPRESSION_DAYS} days)` }),
      note: Note.optional(),
    }),
  ])
  .meta({ id: 'FindingStatusChange' });

const RunCountsSchema = z.object({ checks: z.number().int(), passed: z.number().int(), failed: z.number().int(), notApplicable: z.number().int() });
const FindingChangesSchema = z.object({
  opened: z.number().int(),
  reopened: z.number().int(),
  resolved: z.number().int(),
  seenAgain: z.number().int(),
  suppressionsExpired: z.number().int(),
});

const AuditRunSchema = z
  .object({
    id: z.string(),
    trigger: z.union([z.object({ kind: z.literal('schedule') }), z.object({ kind: z.literal('request'), by: z.string() })]),
    status: z.enum(runStatuses),
    requestedAt: Instant,
    startedAt: Instant.optional(),
    finishedAt: Instant.optional(),
    durationMs: z.number().int().optional(),
    environment: z.enum(['aws', 'local']).optional(),
    counts: RunCountsSchema.optional().meta({ description: 'Checks run, passed, failed and not applicable (once completed)' }),
    findings: FindingChangesSchema.optional().meta({ description: 'What the run did to the findings' }),
    open: z
      .object({ findings: z.number().int(), overdue: z.number().int() })
      .optional()
      .meta({ description: 'After the run: the open findings (new or acknowledged) and how many of them are past their fix-by' }),
    error: z.string().optional().meta({ description: 'A failed run: the name of the error' }),
  })
  .meta({ id: 'AuditRun' });

const CheckResultSchema = z
  .object({
    checkId: z.string(),
    resource: z.string(),
    outcome: z.enum(checkOutcomes),
    severity: z.enum(severities),
    ownerTeam: z.enum(ownerTeams),
    title: z.string(),
    detail: z.string(),
  })
  .meta({ id: 'CheckResult' });

export const AuditRunDetailSchema = AuditRunSchema.extend({ results: z.array(CheckResultSchema) }).meta({ id: 'AuditRunDetail' });
export const AuditRunAcceptedSchema = z.object({ id: z.string(), status: z.literal('requested') }).meta({ id: 'AuditRunAccepted' });

const ActorSchema = z.union([
  z.object({ kind: z.literal('staff'), id: z.string() }),
  z.object({ kind: z.literal('audit'), runId: z.string() }),
  z.object({ kind: z.literal('expiry') }),
]);

export const FindingSchema = z
  .object({
    id: z.string(),
    checkId: z.string(),
    resource: z.string(),
    severity: z.enum(severities),
    ownerTeam: z.enum(ownerTeams),
    title: z.string(),
    detail: z.string(),
    status: z.enum(findingStatuses),
    firstSeenAt: Instant,
    lastSeenAt: Instant,
    lastRunId: z.string(),
    openedAt: Instant,
    fixBy: Instant.meta({ description: 'From the severity: critical 7 days, high 30, medium 90, low 180 after opening' }),
    overdue: z.boolean().meta({ description: 'Open (new or acknowledged) past its fix-by date' }),
    resolvedAt: Instant.optional(),
    suppression: z.object({ reason: z.string(), by: z.string(), at: Instant, until: Instant }).optional(),
    history: z.array(z.object({ from: z.enum(findingStatuses).nullable(), to: z.enum(findingStatuses), at: Instant, by: ActorSchema, note: z.string().optional() })),
  })
  .meta({ id: 'Finding' });

const pageOf = <S extends z.ZodType>(item: S, id: string) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).meta({ id });
export const AuditRunPageSchema = pageOf(AuditRunSchema, 'AuditRunPage');
export const FindingPageSchema = pageOf(FindingSchema, 'FindingPage');
