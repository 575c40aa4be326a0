import * as z from 'zod/mini';

/**
 * The audit's vocabulary: a check looks at one kind of resource (or the data in it) and says, per
 * resource, whether what is deployed matches what the manifest says should be. A check that has no
 * counterpart where it runs (locally, a KMS key policy) says "not applicable" with the reason; it
 * is never reported as passed.
 */

export const severities = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

const checkOutcomes = ['passed', 'failed', 'not-applicable'] as const;
export type CheckOutcome = (typeof checkOutcomes)[number];

/** Who fixes what a check finds. */
export const ownerTeams = ['platform', 'security', 'data-protection'] as const;
export type OwnerTeam = (typeof ownerTeams)[number];

/** One check's verdict on one resource. Text names resources by manifest name and attributes only: never data. */
export interface CheckResult {
  /** Stable id of the check, e.g. `table.point-in-time-recovery`. */
  checkId: string;
  /** The resource by kind and manifest name, e.g. `table:complaints`, `queue:reports`, `key:data`. */
  resource: string;
  outcome: CheckOutcome;
  severity: Severity;
  ownerTeam: OwnerTeam;
  /** What the check expects, in one line (the finding's title). */
  title: string;
  /** What was seen: for a failure, what is wrong; for not-applicable, why. Never an item's value. */
  detail: string;
}

/** A result's shape where one crosses a boundary: the audit readers' answers, the API's run detail. */
export const CheckResultSchema = z.object({
  checkId: z.string(),
  resource: z.string(),
  outcome: z.enum(checkOutcomes),
  severity: z.enum(severities),
  ownerTeam: z.enum(ownerTeams),
  title: z.string(),
  detail: z.string(),
}) satisfies z.ZodMiniType<CheckResult>;

/** Where the audit runs: in AWS against the deployed stack, or locally against the emulators. */
export type AuditEnvironment = 'aws' | 'local';
