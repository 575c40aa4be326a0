import { access } from 'node:fs/promises';
import * as z from 'zod/mini';
import { readJsonVar } from '#shared/config.ts';

/**
 * Readiness: can the platform serve its promises right now? Unlike liveness (`GET /health`),
 * it asks each dependency the API needs — every table is ACTIVE, every queue answers, every key
 * is enabled — with read-only describe calls that touch no item and no message. The answer
 * names dependencies by their manifest name only (never a physical name, an ARN or data), and is
 * kept for a few seconds so that a burst of probes costs one round of calls.
 */

/** What the stack tells the readiness function to check: manifest name → physical name, URL or key. */
export const ReadinessTargetsSchema = z.object({
  tables: z.record(z.string(), z.string()),
  queues: z.record(z.string(), z.string()),
  /** A KMS key ARN in AWS; locally, the path of the key file (`file:` + path). */
  keys: z.record(z.string(), z.string()),
});
export type ReadinessTargets = z.infer<typeof ReadinessTargetsSchema>;

/** The environment variable that holds the targets as JSON. */
export const READINESS_TARGETS_ENV = 'READINESS_TARGETS';

type CheckStatus = 'ok' | 'failing';
export interface Readiness {
  status: 'ready' | 'not-ready';
  checkedAt: string;
  checks: Record<string, CheckStatus>;
}

/** The three describe calls, answered by the AWS SDK in the wiring (DescribeTable, GetQueueAttributes, DescribeKey). */
export interface ReadinessClients {
  /** The table's status (ACTIVE, UPDATING, CREATING...). */
  tableStatus(tableName: string): Promise<string | undefined>;
  /** Resolves when the queue answers; throws when it does not exist or cannot be reached. */
  queueAnswers(queueUrl: string): Promise<void>;
  /** The key's state (Enabled, Disabled, PendingDeletion...). */
  keyState(keyArn: string): Promise<string | undefined>;
}

const LOCAL_KEY_PREFIX = 'file:';

/** A check that throws or answers "not usable" is failing; the reason goes to the log, not the answer. */
type Check = () => Promise<boolean>;

const checksOf = (targets: ReadinessTargets, clients: ReadinessClients): Record<string, Check> => ({
  ...Object.fromEntries(
    Object.entries(targets.tables).map(([name, tableName]) => [
      `table:${name}`,
      async () => {
        const status = await clients.tableStatus(tableName);
        return status === 'ACTIVE' || status === 'UPDATING';
      },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(targets.queues).map(([name, queueUrl]) => [
      `queue:${name}`,
      async () => {
        await clients.queueAnswers(queueUrl);
        return true;
      },
    ]),
  ),
  ...Object.fromEntries(
    Object.entries(targets.keys).map(([name, key]) => [
      `key:${name}`,
      async () => {
        if (key.startsWith(LOCAL_KEY_PREFIX)) {
          await access(key.slice(LOCAL_KEY_PREFIX.length));
          return true;
        }
        return (await clients.keyState(key)) === 'Enabled';
      },
    ]),
  ),
});

/** Runs every check at once, each bounded by `timeoutMs` (a hung dependency is a failing one). */
export const checkReadiness = async (
  targets: ReadinessTargets,
  clients: ReadinessClients,
  options: { now: () => Date; timeoutMs: number; onFailure: (check: string, error: unknown) => void },
): Promise<Readiness> => {
  const entries = await Promise.all(
    Object.entries(checksOf(targets, clients)).map(async ([name, check]): Promise<[string, CheckStatus]> => {
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${options.timeoutMs} ms`)), options.timeoutMs);
      });
      try {
        const usable = await Promise.race([check(), timedOut]);
        if (!usable) options.onFailure(name, new Error('not usable'));
        return [name, usable ? 'ok' : 'failing'];
      } catch (error) {
        options.onFailure(name, error);
        return [name, 'failing'];
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const checks = Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  return {
    status: entries.every(([, status]) => status === 'ok') ? 'ready' : 'not-ready',
    checkedAt: options.now().toISOString(),
    checks,
  };
};

/**
 * The last answer, reused for `ttlMs`; concurrent callers during a round share it. A failing
 * answer is kept as long as a passing one, so a failing dependency is not hammered either.
 */
export const cachedReadiness = (compute: () => Promise<Readiness>, ttlMs: number, nowMs: () => number = Date.now) => {
  let last: { at: number; answer: Promise<Readiness> } | undefined;
  return (): Promise<Readiness> => {
    if (!last || nowMs() - last.at >= ttlMs) {
      const answer = compute();
      last = { at: nowMs(), answer };
      answer.catch(() => {
        last = undefined;
      });
    }
    return last.answer;
  };
};

/**
 * Reads the targets from the environment, at cold start: a function without them (or with
 * malformed ones) fails to start rather than answering "ready" having checked nothing.
 */
export const readReadinessTargets = (env: NodeJS.ProcessEnv = process.env): ReadinessTargets =>
  readJsonVar(env, READINESS_TARGETS_ENV, ReadinessTargetsSchema, 'a valid set of targets');
