import type { Logger } from '@aws-lambda-powertools/logger';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Clock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { complaintDecisions } from '#shared/customer-service/domain/decisions.ts';
import { slaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import { CUSTOMER_SERVICE } from '#shared/customer-service/index.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';
import { createComplaintStore } from '#shared/customer-service/store/complaint-store.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/**
 * What tests inject: a clock, a logger, and an environment that points at tables of their own.
 * Customer service is wired per function (complaints-api.ts, sla-sweep.ts), so that the sweep
 * loads neither the Encryption SDK nor the API's schemas.
 */
export interface WiringOverrides {
  clock?: Clock;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** What every customer-service function shares: the complaint store, the figures, the outbox, the decisions. */
export const customerServiceCore = (document: DynamoDBDocumentClient, env: NodeJS.ProcessEnv) => {
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), CUSTOMER_SERVICE);
  const table = customerServiceManifest.tables.complaints;
  return {
    figures,
    complaints: createComplaintStore({ db: document, tableName: readTableName(table, env), figures }),
    outbox: outboxFromEnvironment({ db: document, table, env }),
    decisions: complaintDecisions(slaPolicy),
    policy: slaPolicy,
  };
};
