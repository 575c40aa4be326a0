import type { Logger } from '@aws-lambda-powertools/logger';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readStage, readTableName } from '#shared/config.ts';
import { parseJobEvent } from '#shared/jobs/job-event.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { observedHandler } from '#shared/observability/metrics.ts';
import { readReadinessTargets } from '#shared/platform/readiness.ts';
import { lambdaAuditReaders, readAuditReaderNames } from '#shared/security/audit/lambda-readers.ts';
import { auditClientsFromEnvironment, runAudit } from '#shared/security/audit/run-audit.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { AUDIT_REQUESTED_EVENT, securityManifest } from '#shared/security/manifest.ts';
import { createSecurityStore } from '#shared/security/store/security-store.ts';
import { conductAudit, type AuditJobPorts, type AuditTrigger } from '#shared/security/use-cases/conduct-audit.ts';

export const SECURITY_AUDIT_JOB = 'security-audit';

/** The rule's event: security staff asked for the run of this id. */
const AuditRequestedSchema = z.object({
  'detail-type': z.literal(AUDIT_REQUESTED_EVENT),
  detail: z.object({ runId: z.string().check(z.regex(/^aud_[0-9A-Za-z_]{1,40}$/)) }),
});

/** What started the invocation: a schedule tick (`{ job, time }`) or the rule's `security.audit-requested` event. */
const triggerOf = (event: unknown): AuditTrigger | undefined => {
  const job = parseJobEvent(event);
  if (job.success && job.data.job === SECURITY_AUDIT_JOB) return { kind: 'schedule', at: new Date(job.data.time) };
  const requested = AuditRequestedSchema.safeParse(event);
  return requested.success ? { kind: 'request', runId: requested.data.detail.runId } : undefined;
};

/**
 * The audit's ports from the environment: the targets the stack names (READINESS_TARGETS),
 * read-only SDK clients, and its two readers (AUDIT_READERS, read on the first run in AWS: the
 * local stack invokes no reader).
 */
export const auditJobPortsFromEnvironment = (env: NodeJS.ProcessEnv = process.env, clock: Clock = systemClock): AuditJobPorts => {
  const stage = readStage(env);
  const environment = stage === 'local' ? 'local' : 'aws';
  const targets = readReadinessTargets(env);
  const clients = auditClientsFromEnvironment();
  const readers = lambdaAuditReaders(new LambdaClient({}), () => readAuditReaderNames(env));
  return {
    store: createSecurityStore({ db: createDynamoClients().document, tableName: readTableName(securityManifest.tables.security, env) }),
    runAudit: (now: Date): Promise<CheckResult[]> => runAudit({ environment, stage, targets, clients, readers, now }),
    clock,
    environment,
  };
};

/** The audit function's handler over its ports: one run per schedule tick or request; a malformed event fails loudly. */
export const createSecurityAuditHandler = (ports: AuditJobPorts, logger: Logger) =>
  observedHandler(async (event: unknown, context: Context) => {
    logger.addContext(context);
    const trigger = triggerOf(event);
    if (!trigger) {
      logger.error('Not a security-audit event');
      throw new Error('The security audit expects { job, time } or a security.audit-requested event');
    }
    const outcome = await conductAudit(ports, trigger);
    if (!outcome.ran) {
      logger.info('security audit not run', { runId: outcome.runId, reason: outcome.reason });
      return outcome;
    }
    const { id, status, durationMs, counts, findings, open } = outcome.run;
    logger.info('security audit done', { runId: id, status, durationMs, counts, findings, open });
    return { ran: true, runId: id, status, durationMs, counts, findings, open };
  });

/**
 * The security audit: quarterly by EventBridge Scheduler, on request through the
 * `security.audit-requested` rule, and locally `npm run job -- security-audit [--now <ISO time>]`.
 */
export const securityAuditHandlerFromEnvironment = () => {
  const logger = createLogger('security-audit');
  return createSecurityAuditHandler(auditJobPortsFromEnvironment(), logger);
};
