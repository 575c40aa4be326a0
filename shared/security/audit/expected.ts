import * as z from 'zod/mini';
import { readJsonVar } from '#shared/config.ts';
import type { FunctionDefinition, QueueDefinition, TableDefinition } from '#shared/manifest/types.ts';

/**
 * What should be deployed, as far as the audit checks it: per table, its time-to-live attribute;
 * per queue, its redrive policy and the timeout of the function that consumes it. Read from the
 * manifests. A context cannot import another context's manifest (`npm run arch`), so the composed
 * manifest (`infra/manifest.ts`) hands these to the audit through the environment, as it hands the
 * readiness targets: `auditExpectationsOf(...)` builds them, `readAuditExpectations` reads them.
 */

const AuditExpectationsSchema = z.object({
  /** Per table, its time-to-live attribute, or '' when it has none (kept short: Lambda allows 4 KB of environment in all). */
  tables: z.record(z.string(), z.string()),
  queues: z.record(
    z.string(),
    z.object({
      maxReceiveCount: z.number(),
      /** The timeout of the function that consumes the queue; absent when no function consumes it. */
      consumerTimeoutSeconds: z.optional(z.number()),
    }),
  ),
});
export type AuditExpectations = z.infer<typeof AuditExpectationsSchema>;

/** The environment variable that holds the expectations as JSON. */
export const AUDIT_EXPECTATIONS_ENV = 'AUDIT_EXPECTATIONS';

/** The expectations of a composed manifest (every context's tables, queues and functions). */
export const auditExpectationsOf = (manifest: {
  tables: Readonly<Record<string, TableDefinition>>;
  queues: Readonly<Record<string, QueueDefinition>>;
  functions: Readonly<Record<string, FunctionDefinition>>;
}): AuditExpectations => {
  const consumerTimeouts = new Map(
    Object.values(manifest.functions).flatMap((fn) => (fn.consumes ? [[fn.consumes.queue, fn.timeoutSeconds] as const] : [])),
  );
  return {
    tables: Object.fromEntries(
      Object.entries(manifest.tables).map(([name, table]) => [
        name,
        table.timeToLiveAttribute ?? '',
      ]),
    ),
    queues: Object.fromEntries(
      Object.entries(manifest.queues).map(([name, queue]) => {
        const consumerTimeoutSeconds = consumerTimeouts.get(name);
        return [name, { maxReceiveCount: queue.maxReceiveCount, ...(consumerTimeoutSeconds !== undefined && { consumerTimeoutSeconds }) }];
      }),
    ),
  };
};

/** Reads the expectations at cold start: an audit without them fails to start rather than checking nothing. */
export const readAuditExpectations = (env: NodeJS.ProcessEnv = process.env): AuditExpectations =>
  readJsonVar(env, AUDIT_EXPECTATIONS_ENV, AuditExpectationsSchema, 'a valid set of expectations');
