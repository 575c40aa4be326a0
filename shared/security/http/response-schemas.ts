import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { pageOf } from '#shared/http/page-query.ts';
import { CheckResultSchema as CheckResultShape, ownerTeams, severities } from '#shared/security/domain/audit.ts';
import { findingStatuses } from '#shared/security/domain/findings.ts';
import { runStatuses } from '#shared/security/domain/runs.ts';
import { Instant } from '#shared/security/http/schemas.ts';

/**
 * The security programme API's answers (audit runs and findings; the figures' answer is in
 * figures-schemas.ts): their part of the OpenAPI document comes from these schemas. Nothing
 * parses an answer at run time, so no function imports this module and none builds these schemas
 * (requests are in schemas.ts, which this module imports, never the other way round).
 */

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

const CheckResultSchema = meta(CheckResultShape, { id: 'CheckResult' });

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
