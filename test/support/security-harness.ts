import { randomUUID } from 'node:crypto';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { tables } from '#infra/manifest.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { READINESS_TARGETS_ENV, type ReadinessTargets } from '#shared/platform/readiness.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import { createSecurityStore } from '#shared/security/store/security-store.ts';
import { securityApiHandlerFromEnvironment } from '#shared/security/wiring/security-api.ts';
import { auditJobPortsFromEnvironment, createSecurityAuditHandler, SECURITY_AUDIT_JOB } from '#shared/security/wiring/security-audit.ts';
import { invokeApi, lambdaContext } from './events.ts';

/**
 * The security functions wired as their handler modules wire them, on a security table of their
 * own. The API's published events are kept (`published`) instead of reaching the local bus, and
 * `deliver` hands them to the audit function as the event rule would. The audit runs the checks
 * the test gives (`results`), or the real `runAudit` against the local stack when `realAudit`
 * (with an empty table of its own as `table:security` among its targets).
 */
export const createSecurityHarness = async (options: { clock: Clock; realAudit?: boolean }) => {
  const suffix = randomUUID().slice(0, 8);
  const tableName = `security-${suffix}`;
  // An empty table of the security table's shape, audited in place of the stack's: the sample of
  // the data check (one Scan page) holds exactly what a test plants in it.
  const auditedTableName = `audited-security-${suffix}`;
  const { client, document } = createDynamoClients();
  await Promise.all(
    [tableName, auditedTableName].map((name) => client.send(new CreateTableCommand(createTableInput(tables.security, name)))),
  );
  const targets = JSON.parse(process.env[READINESS_TARGETS_ENV] ?? '{}') as ReadinessTargets;
  const auditedTargets = { ...targets, tables: { ...targets.tables, security: auditedTableName } };
  const env = { ...process.env, [tables.security.envVar]: tableName, [READINESS_TARGETS_ENV]: JSON.stringify(auditedTargets) };
  const published: PublishableEvent[] = [];
  const events = { publish: async (batch: readonly PublishableEvent[]) => void published.push(...batch) };
  let results: CheckResult[] = [];
  const realPorts = auditJobPortsFromEnvironment(env, options.clock);
  const ports = options.realAudit ? realPorts : { ...realPorts, runAudit: async () => results };
  const audit = createSecurityAuditHandler(ports, createLogger('security-audit-test'));
  return {
    tableName,
    /** The table the real audit samples as `table:security`. */
    auditedTableName,
    document,
    store: createSecurityStore({ db: document, tableName }),
    published,
    invoke: invokeApi(securityApiHandlerFromEnvironment({ env, clock: options.clock, events })),
    /** What the fake checks answer from now on. */
    setResults: (next: CheckResult[]) => {
      results = next;
    },
    /** A schedule tick of the audit at `at`. */
    runScheduled: (at: Date) => audit(jobEvent(SECURITY_AUDIT_JOB, at), lambdaContext()),
    /** The published requests, as the event rule hands them to the audit function. */
    deliver: async () => {
      const pending = published.splice(0);
      return Promise.all(
        pending.map((event) =>
          audit({ source: 'user-protection.security', 'detail-type': event.type, detail: { ...event.detail, occurredAt: event.at } }, lambdaContext()),
        ),
      );
    },
  };
};
export type SecurityHarness = Awaited<ReturnType<typeof createSecurityHarness>>;
