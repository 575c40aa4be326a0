import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { periodPatterns } from '#shared/figures/periods.ts';
import { pageCursor, pageLimit, pageOf } from '#shared/http/page-query.ts';
import { checkOutcomes, ownerTeams, severities } from '#shared/security/domain/audit.ts';
import { findingStatuses, MAX_SUPPRESSION_DAYS } from '#shared/security/domain/findings.ts';
import { runStatuses } from '#shared/security/domain/runs.ts';
import { idPatterns } from '#shared/security/store/keys.ts';

const Instant = z.iso.datetime();
const Note = meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)), {
  description: 'Why: kept in the finding’s history with who and when',
});

export const RunIdPathSchema = z.strictObject({
  id: meta(z.string().check(z.regex(idPatterns.runId)), { description: 'The audit run’s id' }),
});
export const FindingIdPathSchema = z.strictObject({
  id: meta(z.string().check(z.regex(idPatterns.findingId)), { description: 'The finding’s id (stable per check and resource)' }),
});

export const RunsQuerySchema = meta(z.strictObject({ limit: pageLimit, cursor: pageCursor }), { id: 'AuditRunsQuery' });

export const FindingsQuerySchema = meta(
  z.strictObject({
    status: z.optional(z.enum(findingStatuses)),
    severity: z.optional(z.enum(severities)),
    check: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{0,99}$/, 'Must be a check id such as table.point-in-time-recovery'))),
    ownerTeam: z.optional(z.enum(ownerTeams)),
    limit: pageLimit,
    cursor: pageCursor,
  }),
  { id: 'FindingsQuery' },
);

export const StatusChangeSchema = meta(
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.enum(['acknowledge', 'resolve', 'reopen']), note: z.optional(Note) }),
    z.strictObject({
      action: z.literal('suppress'),
      reason: meta(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000)), { description: 'Why the risk is accepted for now' }),
      until: meta(Instant, {
        description: `When the suppression ends and the finding is new again (in the future, within ${MAX_SUPPRESSION_DAYS} days)`,
      }),
      note: z.optional(Note),
    }),
  ]),
  { id: 'FindingStatusChange' },
);

const RunCountsSchema = z.object({ checks: z.int(), passed: z.int(), failed: z.int(), notApplicable: z.int() });
const FindingChangesSchema = z.object({
  opened: z.int(),
  reopened: z.int(),
  resolved: z.int(),
  seenAgain: z.int(),
  suppressionsExpired: z.int(),
});

const AuditRunSchema = meta(
  z.object({
    id: z.string(),
    trigger: z.union([z.object({ kind: z.literal('schedule') }), z.object({ kind: z.literal('request'), by: z.string() })]),
    status: z.enum(runStatuses),
    requestedAt: Instant,
    startedAt: z.optional(Instant),
    finishedAt: z.optional(Instant),
    durationMs: z.optional(z.int()),
    environment: z.optional(z.enum(['aws', 'local'])),
    counts: meta(z.optional(RunCountsSchema), { description: 'Checks run, passed, failed and not applicable (once completed)' }),
    findings: meta(z.optional(FindingChangesSchema), { description: 'What the run did to the findings' }),
    open: meta(z.optional(z.object({ findings: z.int(), overdue: z.int() })), {
      description: 'After the run: the open findings (new or acknowledged) and how many of them are past their fix-by',
    }),
    error: meta(z.optional(z.string()), { description: 'A failed run: the name of the error' }),
  }),
  { id: 'AuditRun' },
);

const CheckResultSchema = meta(
  z.object({
    checkId: z.string(),
    resource: z.string(),
    outcome: z.enum(checkOutcomes),
    severity: z.enum(severities),
    ownerTeam: z.enum(ownerTeams),
    title: z.string(),
    detail: z.string(),
  }),
  { id: 'CheckResult' },
);

export const AuditRunDetailSchema = meta(z.extend(AuditRunSchema, { results: z.array(CheckResultSchema) }), { id: 'AuditRunDetail' });
export const AuditRunAcceptedSchema = meta(z.object({ id: z.string(), status: z.literal('requested') }), { id: 'AuditRunAccepted' });

const ActorSchema = z.union([
  z.object({ kind: z.literal('staff'), id: z.string() }),
  z.object({ kind: z.literal('audit'), runId: z.string() }),
  z.object({ kind: z.literal('expiry') }),
]);

export const FindingSchema = meta(
  z.object({
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
    fixBy: meta(Instant, { description: 'From the severity: critical 7 days, high 30, medium 90, low 180 after opening' }),
    overdue: meta(z.boolean(), { description: 'Open (new or acknowledged) past its fix-by date' }),
    resolvedAt: z.optional(Instant),
    suppression: z.optional(z.object({ reason: z.string(), by: z.string(), at: Instant, until: Instant })),
    history: z.array(
      z.object({
        from: z.nullable(z.enum(findingStatuses)),
        to: z.enum(findingStatuses),
        at: Instant,
        by: ActorSchema,
        note: z.optional(z.string()),
      }),
    ),
  }),
  { id: 'Finding' },
);

export const AuditRunPageSchema = pageOf(AuditRunSchema, 'AuditRunPage');
export const FindingPageSchema = pageOf(FindingSchema, 'FindingPage');

/** The quarter of the programme figures (GET /v1/security/figures); their answer is in figures-schemas.ts. */
export const SecurityFiguresQuerySchema = meta(
  z.strictObject({
    quarter: meta(z.optional(z.string().check(z.regex(periodPatterns.quarter, 'Must be a quarter such as 2026-Q4'))), {
      description: 'Defaults to the current quarter',
    }),
  }),
  { id: 'SecurityFiguresQuery' },
);
