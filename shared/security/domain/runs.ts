import type { AuditEnvironment, CheckOutcome, CheckResult } from '#shared/security/domain/audit.ts';

/**
 * Audit runs: one per scheduled tick or staff request. A run is recorded `requested` (on demand)
 * or `running` (scheduled) before any check, and `completed` with its counts and results or
 * `failed` (the audit itself broke; the run names the error, never its message) at the end.
 */

export const runStatuses = ['requested', 'running', 'completed', 'failed'] as const;
type RunStatus = (typeof runStatuses)[number];

type RunTrigger = { kind: 'schedule' } | { kind: 'request'; by: string };

export interface RunCounts {
  checks: number;
  passed: number;
  failed: number;
  notApplicable: number;
}

/** What a run did to the findings. */
export interface FindingChanges {
  opened: number;
  reopened: number;
  resolved: number;
  seenAgain: number;
  suppressionsExpired: number;
}

export interface AuditRun {
  id: string;
  trigger: RunTrigger;
  status: RunStatus;
  requestedAt: string;
  startedAt?: string;
  finishedAt?: string;
  durationMs?: number;
  environment?: AuditEnvironment;
  counts?: RunCounts;
  findings?: FindingChanges;
  /** After the run: findings open (new or acknowledged), and those of them past their fix-by. */
  open?: { findings: number; overdue: number };
  /** Why a failed run failed: the error's name only. */
  error?: string;
}

const outcomeKey: Record<CheckOutcome, keyof Omit<RunCounts, 'checks'>> = {
  passed: 'passed',
  failed: 'failed',
  'not-applicable': 'notApplicable',
};

export const countResults = (results: readonly CheckResult[]): RunCounts => {
  const counts: RunCounts = { checks: results.length, passed: 0, failed: 0, notApplicable: 0 };
  for (const result of results) counts[outcomeKey[result.outcome]] += 1;
  return counts;
};

/** The id of the run of a schedule tick: the same for every retry of that tick, so a retry cannot record a second run. */
export const scheduledRunId = (scheduledAt: Date): string => `aud_scheduled_${scheduledAt.toISOString().replace(/[-:.]/g, '')}`;

export const RUN_ID_PATTERN = /^aud_[0-9A-Za-z_]{1,40}$/;
