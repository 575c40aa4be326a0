import type { Logger } from '@aws-lambda-powertools/logger';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createTable } from '#shared/aws/table.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { readPseudonymKeyConfig, readTableName } from '#shared/config.ts';
import { tokenSealFor } from '#shared/crypto/cursor-seal.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { FALLBACK_LOCALE, notificationsEnv } from '#shared/notifications/config.ts';
import { locales, type Locale } from '#shared/notifications/domain/catalogue.ts';
import { NOTIFICATIONS } from '#shared/notifications/index.ts';
import { notificationsManifest } from '#shared/notifications/manifest.ts';
import { createDeliveryStore } from '#shared/notifications/store/delivery-store.ts';
import { createPreferenceStore } from '#shared/notifications/store/preference-store.ts';
import { UNSUBSCRIBE_KEY_MESSAGE, UNSUBSCRIBE_LIFETIME_MS } from '#shared/notifications/use-cases/unsubscribe.ts';

/** What tests inject: a clock, a logger, or an environment pointing at tables of their own. */
export interface NotificationWiringOverrides {
  clock?: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The platform's default locale: the environment's, when it is one the platform speaks. */
const defaultLocaleOf = (env: NodeJS.ProcessEnv): Locale => {
  const configured = env[notificationsEnv.defaultLocale];
  return (locales as readonly string[]).includes(configured ?? '') ? (configured as Locale) : FALLBACK_LOCALE;
};

/** Clients and stores shared by the notifications functions; `functionName` names the default logger. */
export const notificationsFromEnvironment = (functionName: string, overrides: NotificationWiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { document } = createDynamoClients();
  const table = createTable(document, readTableName(notificationsManifest.tables.notifications, env));
  return {
    env,
    document,
    table,
    figures: createFiguresStore(document, readTableName(platformTables.figures, env), NOTIFICATIONS),
    deliveries: createDeliveryStore(table),
    preferences: createPreferenceStore(table),
    logger: overrides.logger ?? createLogger(functionName),
    clock: overrides.clock ?? systemClock,
    defaultLocale: defaultLocaleOf(env),
    /** Seals one-click unsubscribe tokens (created lazily: no key is derived before the first one). */
    unsubscribeSeal: tokenSealFor(readPseudonymKeyConfig(env), UNSUBSCRIBE_KEY_MESSAGE, UNSUBSCRIBE_LIFETIME_MS),
    publicBaseUrl: env[notificationsEnv.publicApiBaseUrl] ?? '',
    inboxUrl: env[notificationsEnv.inboxUrl] ?? '',
  };
};
