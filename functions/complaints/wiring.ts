import type { Logger } from '@aws-lambda-powertools/logger';
import { createComplaintsHandler } from '#functions/complaints/app.ts';
import { CUSTOMER_SERVICE } from '#functions/complaints/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { slaPolicy } from '#shared/complaints/policy.ts';
import { createComplaintRepository } from '#shared/complaints/repository.ts';
import { createComplaintService } from '#shared/complaints/service.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment, pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { complaintsManifest } from '#shared/complaints/manifest.ts';
import { platformTables } from '#shared/manifest/platform.ts';


/**
 * The customer-service service wired from its environment: validated configuration, clients,
 * keys. Used by the complaints function and the SLA sweep; tests inject a clock or a logger.
 */
export interface WiringOverrides {
  clock?: Clock;
  logger?: Logger;
  /** The environment to read instead of the process's (tests point it at tables of their own). */
  env?: NodeJS.ProcessEnv;
}

export const complaintServiceFromEnvironment = (overrides: WiringOverrides = {}) => {
  const env = overrides.env ?? process.env;
  const { client, document } = createDynamoClients();
  const logger = overrides.logger ?? createLogger('complaints');
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), CUSTOMER_SERVICE);
  const service = createComplaintService({
    repository: createComplaintRepository({ db: document, tableName: readTableName(complaintsManifest.tables.complaints, env), figures, policy: slaPolicy }),
    cipher: cipherFromEnvironment(env),
    pseudonyms: pseudonymsFromEnvironment(env),
    outbox: outboxFromEnvironment({ db: document, table: complaintsManifest.tables.complaints, context: CUSTOMER_SERVICE, logger, env }),
    figures,
    clock: overrides.clock ?? systemClock,
    policy: slaPolicy,
  });
  return { service, client, logger };
};

export const complaintsHandlerFromEnvironment = (overrides: WiringOverrides = {}) => {
  const { service, client, logger } = complaintServiceFromEnvironment(overrides);
  return createComplaintsHandler({
    logger,
    clock: overrides.clock ?? systemClock,
    service,
    idempotency: createIdempotency({ client, tableName: readTableName(platformTables.idempotency, overrides.env) }),
  });
};
