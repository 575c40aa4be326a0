import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readSetting, readTableName } from '#shared/config.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createTransparencyApiHandler } from '#shared/transparency/http/handlers.ts';
import { minNoticeDaysSetting, transparencyManifest } from '#shared/transparency/manifest.ts';
import { createPolicyStore } from '#shared/transparency/store/policy-store.ts';
import type { Outbox } from '#shared/events/outbox.ts';

/** The minimum notice in days: PRIVACY_POLICY_MIN_NOTICE_DAYS (a whole number from 0 to 365), 30 when unset. */
export const readMinNoticeDays = (env: NodeJS.ProcessEnv): number => readSetting(minNoticeDaysSetting, env);

/**
 * The transparency function wired from its environment: its table, the figures table (the
 * acknowledgement counters), the outbox on its table and the minimum notice. It holds no data key:
 * the policy is public text.
 */
export const transparencyApiHandlerFromEnvironment = (overrides: { env?: NodeJS.ProcessEnv; clock?: Clock; outbox?: Outbox } = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const logger = createLogger('transparency');
  const table = transparencyManifest.tables.transparency;
  const ports = {
    store: createPolicyStore({ db: document, tableName: readTableName(table, env) }),
    figures: createFiguresStore(document, readTableName(platformTables.figures, env), transparencyManifest.name),
    outbox: overrides.outbox ?? outboxFromEnvironment({ db: document, table, env }),
    clock: overrides.clock ?? systemClock,
    minNoticeDays: readMinNoticeDays(env),
  };
  return createTransparencyApiHandler({ ports, logger });
};
