import { createHash } from 'node:crypto';
import type { CheckResult, OwnerTeam, Severity } from '#shared/security/domain/audit.ts';

/**
 * Findings: what a failed check leaves to fix. One finding per (check, resource), whatever the
 * number of runs that see it, with a lifecycle:
 *
 *   new → acknowledged → resolved       (staff, or the audit when the check passes again)
 *   new | acknowledged → suppressed     (staff, with a reason and an expiry; new again after it)
 *   resolved | suppressed → new         (staff reopen, or the audit when a resolved check fails again)
 *
 * Each finding has a fix-by date from its severity; an open finding past it is overdue.
 */

export const findingStatuses = ['new', 'acknowledged', 'resolved', 'suppressed'] as const;
export type FindingStatus = (typeof findingStatuses)[number];

/** Statuses in which a finding waits for a fix. */
const openStatuses: readonly FindingStatus[] = ['new', 'acknowledged'];

/** Days from opening to the fix-by date, per severity. */
const fixWithinDays = { critical: 7, high: 30, medium: 90, low: 180 } as const satisfies Record<Severity, number>;

/** The order of urgency: critical first. */
export const severityRank = { critical: 1, high: 2, medium: 3, low: 4 } as const satisfies Record<Severity, number>;

/** Who changed a finding: a member of the security staff (by token subject), an audit run, or a suppression's expiry. */
type Actor = { kind: 'staff'; id: string } | { kind: 'audit'; runId: string } | { kind: 'expiry' };

interface StatusChange {
  from: FindingStatus | null;
  to: FindingStatus;
  at: string;
  by: Actor;
  note?: string;
}

interface Suppression {
  reason: string;
  by: string;
  at: string;
  /** After this instant the finding is new again. */
  until: string;
}

export interface Finding {
  id: string;
  checkId: string;
  resource: string;
  severity: Severity;
  ownerTeam: OwnerTeam;
  title: string;
  detail: string;
  status: FindingStatus;
  firstSeenAt: string;
  /** The last run whose check failed on the resource. */
  lastSeenAt: string;
  lastRunId: string;
  /** When the finding last became new (first seen, reopened, or its suppression expired): the fix-by clock starts here. */
  openedAt: string;
  fixBy: string;
  resolvedAt?: string;
  suppression?: Suppression;
  /** Every status change, oldest first. */
  history: StatusChange[];
  /** Optimistic concurrency: each write expects the version it read. */
  version: number;
}

/** The action is not one the finding's status allows. */
export class FindingTransitionError extends Error {
  override name = 'FindingTransitionError';
}

/** A suppression that ends in the past or too far ahead. */
export class SuppressionPeriodError extends Error {
  override name = 'SuppressionPeriodError';
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The stable id of the finding of a check on a resource: a re-run finds the same finding. */
export const findingIdOf = (checkId: string, resource: string): string =>
  `fnd_${createHash('sha256').update(`${checkId}\0${resource}`).digest('hex').slice(0, 24)}`;

export const FINDING_ID_PATTERN = /^fnd_[0-9a-f]{24}$/;

export const fixByOf = (severity: Severity, openedAt: string): string =>
  new Date(Date.parse(openedAt) + fixWithinDays[severity] * DAY_MS).toISOString();

const isOpen = (finding: Pick<Finding, 'status'>): boolean => openStatuses.includes(finding.status);

export const isOverdue = (finding: Pick<Finding, 'status' | 'fixBy'>, now: Date): boolean =>
  isOpen(finding) && Date.parse(finding.fixBy) < now.getTime();

const withStatus = (finding: Finding, to: FindingStatus, at: string, by: Actor, note?: string): Finding => ({
  ...finding,
  status: to,
  history: [...finding.history, { from: finding.status, to, at, by, ...(note !== undefined && { note }) }],
});

/** The finding made new again at `at`: a fresh fix-by clock, no suppression, no resolution. */
const reopened = (finding: Finding, at: string, by: Actor, note?: string): Finding => {
  const { suppression: _suppression, resolvedAt: _resolvedAt, ...rest } = withStatus(finding, 'new', at, by, note);
  return { ...rest, openedAt: at, fixBy: fixByOf(finding.severity, at) };
};

/** A suppressed finding whose expiry has passed is new again (as of its expiry); any other finding is unchanged. */
export const expireSuppression = (finding: Finding, now: Date): Finding => {
  const until = finding.suppression?.until;
  if (finding.status !== 'suppressed' || !until || Date.parse(until) > now.getTime()) return finding;
  return reopened(finding, until, { kind: 'expiry' }, 'suppression expired');
};

const newFinding = (result: CheckResult, at: string, runId: string): Finding => ({
  id: findingIdOf(result.checkId, result.resource),
  checkId: result.checkId,
  resource: result.resource,
  severity: result.severity,
  ownerTeam: result.ownerTeam,
  title: result.title,
  detail: result.detail,
  status: 'new',
  firstSeenAt: at,
  lastSeenAt: at,
  lastRunId: runId,
  openedAt: at,
  fixBy: fixByOf(result.severity, at),
  history: [{ from: null, to: 'new', at, by: { kind: 'audit', runId } }],
  version: 0,
});

/** A failed result seen again: the latest wording and severity, and when it was seen. */
const seenAgain = (finding: Finding, result: CheckResult, at: string, runId: string): Finding => ({
  ...finding,
  severity: result.severity,
  ownerTeam: result.ownerTeam,
  title: result.title,
  detail: result.detail,
  fixBy: fixByOf(result.severity, finding.openedAt),
  lastSeenAt: at,
  lastRunId: runId,
});

/**
 * What one check result of a run does to the finding of its (check, resource): a failure opens
 * it (or reopens a resolved one, or just records that it was seen again); a pass resolves an open
 * or suppressed one, as done by the audit; not-applicable changes nothing. Undefined when nothing
 * is to be written. A suppression that has expired is lifted first.
 */
export const applyResult = (
  existing: Finding | undefined,
  result: CheckResult,
  run: { id: string; at: Date },
): Finding | undefined => {
  if (result.outcome === 'not-applicable') return undefined;
  const at = run.at.toISOString();
  const by: Actor = { kind: 'audit', runId: run.id };
  const current = existing && expireSuppression(existing, run.at);
  if (result.outcome === 'failed') {
    if (!current) return newFinding(result, at, run.id);
    const seen = seenAgain(current, result, at, run.id);
    return current.status === 'resolved' ? reopened(seen, at, by, 'failing again') : seen;
  }
  if (!current || current.status === 'resolved') return undefined;
  const { suppression: _suppression, ...resolved } = withStatus(current, 'resolved', at, by, 'check passed');
  return { ...resolved, resolvedAt: at };
};

export type StatusRequest =
  | { action: 'acknowledge' | 'resolve' | 'reopen'; note?: string }
  | { action: 'suppress'; note?: string; reason: string; until: string };

/** From which statuses each action may be taken. */
const allowedFrom: Record<StatusRequest['action'], readonly FindingStatus[]> = {
  acknowledge: ['new'],
  resolve: ['new', 'acknowledged'],
  suppress: ['new', 'acknowledged', 'suppressed'],
  reopen: ['resolved', 'suppressed'],
};

/** Suppressions are temporary: at most a year, so every accepted risk is looked at again. */
export const MAX_SUPPRESSION_DAYS = 365;

/** A status change by security staff, recorded with who, when and their note; FindingTransitionError if not allowed. */
export const changeStatus = (finding: Finding, request: StatusRequest, staffId: string, now: Date): Finding => {
  const current = expireSuppression(finding, now);
  if (!allowedFrom[request.action].includes(current.status)) {
    throw new FindingTransitionError(`A ${current.status} finding cannot be given the action ${request.action}.`);
  }
  const at = now.toISOString();
  const by: Actor = { kind: 'staff', id: staffId };
  switch (request.action) {
    case 'acknowledge':
      return withStatus(current, 'acknowledged', at, by, request.note);
    case 'resolve':
      return { ...withStatus(current, 'resolved', at, by, request.note), resolvedAt: at };
    case 'reopen':
      return reopened(current, at, by, request.note);
    case 'suppress': {
      const until = Date.parse(request.until);
      if (!(until > now.getTime()) || until > now.getTime() + MAX_SUPPRESSION_DAYS * DAY_MS) {
        throw new SuppressionPeriodError(`A suppression must end in the future and within ${MAX_SUPPRESSION_DAYS} days.`);
      }
      const suppression = { reason: request.reason, by: staffId, at, until: new Date(until).toISOString() };
      return { ...withStatus(current, 'suppressed', at, by, request.note), suppression };
    }
  }
};
