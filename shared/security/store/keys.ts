import type { Severity } from '#shared/security/domain/audit.ts';
import { type Finding, type FindingStatus, severityRank } from '#shared/security/domain/findings.ts';

/**
 * Keys of the security table. A run sits under `RUN#<id>` (its record at `RUN`, its results at
 * `RESULT#<n>`) and is indexed by time (`runsByTime`, one partition: a few runs a quarter). A
 * finding sits under `FINDING#<id>` and is indexed twice, most urgent first (severity rank, then
 * fix-by): among all findings (`findings`) and among those of its status (`findingsByStatus`).
 */
export const securityKeys = {
  run: (runId: string) => ({ pk: `RUN#${runId}`, sk: 'RUN' }),
  result: (runId: string, index: number) => ({ pk: `RUN#${runId}`, sk: `RESULT#${String(index).padStart(5, '0')}` }),
  resultPrefix: 'RESULT#',
  runsPk: 'RUNS',
  runsSk: (requestedAt: string, runId: string) => `${requestedAt}#${runId}`,
  finding: (findingId: string) => ({ pk: `FINDING#${findingId}`, sk: 'FINDING' }),
  findingsPk: 'FINDINGS',
  statusPk: (status: FindingStatus) => `STATUS#${status}`,
  urgency: (finding: Pick<Finding, 'severity' | 'fixBy' | 'id'>) => `${severityRank[finding.severity]}#${finding.fixBy}#${finding.id}`,
  severityPrefix: (severity: Severity) => `${severityRank[severity]}#`,
};

/** The shapes of the ids, for the routes' path schemas (shared/security/http/schemas.ts). */
export const idPatterns = { runId: /^aud_[0-9A-Za-z_]{1,40}$/, findingId: /^fnd_[0-9a-f]{24}$/ };
