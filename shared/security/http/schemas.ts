import * as z from 'zod/mini';
import { meta } from '#shared/zod.ts';
import { periodPatterns } from '#shared/figures/periods.ts';
import { pageCursor, pageLimit } from '#shared/http/page-query.ts';
import { ownerTeams, severities } from '#shared/security/domain/audit.ts';
import { findingStatuses, MAX_SUPPRESSION_DAYS } from '#shared/security/domain/findings.ts';
import { idPatterns } from '#shared/security/store/keys.ts';

/**
 * The security programme API's requests (audit runs, findings, the figures' quarter): their
 * validation, their TypeScript types and their part of the OpenAPI document come from these
 * schemas. The answers' schemas are in response-schemas.ts (the figures' answer in
 * figures-schemas.ts), which only the OpenAPI document loads: a schema is built when its module
 * loads, and the function, which never parses an answer, would build them all at every cold start.
 * `Instant` is exported for the answers, which use the same schema.
 */

export const Instant = z.iso.datetime();
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

/** The quarter of the programme figures (GET /v1/security/figures); their answer is in figures-schemas.ts. */
export const SecurityFiguresQuerySchema = meta(
  z.strictObject({
    quarter: meta(z.optional(z.string().check(z.regex(periodPatterns.quarter, 'Must be a quarter such as 2026-Q4'))), {
      description: 'Defaults to the current quarter',
    }),
  }),
  { id: 'SecurityFiguresQuery' },
);
