import * as z from 'zod/mini';
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

/** The shapes of the ids, for the routes' path schemas (shared/security/http/schemas.ts) and the keys below. */
export const idPatterns = { runId: /^aud_[0-9A-Za-z_]{1,40}$/, findingId: /^fnd_[0-9a-f]{24}$/ };
const urgency = z.string().check(z.regex(/^[1-4]#\d{4}-\d{2}-\d{2}T[\d:.]+Z#fnd_[0-9a-f]{24}$/));
const prefixed = (prefix: string, max: number) => z.string().check(z.startsWith(prefix), z.maxLength(max));

/** The shapes of the last keys a cursor of each listing may carry; anything else is refused (zod's small build: the jobs load these too). */
export const runPageKeySchema = z.strictObject({
  pk: prefixed('RUN#', 60),
  sk: z.literal('RUN'),
  runsPk: z.literal('RUNS'),
  runsSk: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z#aud_[0-9A-Za-z_]{1,40}$/)),
});
export const findingPageKeySchema = z.strictObject({
  pk: prefixed('FINDING#', 60),
  sk: z.literal('FINDING'),
  findingsPk: z.literal('FINDINGS'),
  findingsSk: urgency,
});
export const findingStatusPageKeySchema = z.strictObject({
  pk: prefixed('FINDING#', 60),
  sk: z.literal('FINDING'),
  statusPk: prefixed('STATUS#', 30),
  statusSk: urgency,
});
