import type { Logger } from '@aws-lambda-powertools/logger';
import { CUSTOMER_SERVICE } from '#functions/complaints/context.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { slaPolicy } from '#shared/complaints/policy.ts';
import { createComplaintRepository } from '#shared/complaints/repository.ts';
import { createSlaSweep } from '#shared/complaints/sweep.ts';
import { readTableName } from '#shared/config.ts';
import { outboxFromEnvironment } from '#shared/events/outbox.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { complaintsManifest } from '#shared/complaints/manifest.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/** The SLA sweep wired from its environment. It needs no data key: it never reads personal data. */
export const slaSweepFromEnvironment = (logger: Logger, env: NodeJS.ProcessEnv = process.env) => {
  const { document } = createDynamoClients();
  const figures = createFiguresStore(document, readTableName(platformTables.figures, env), CUSTOMER_SERVICE);
  return createSlaSweep({
    repository: createComplaintRepository({ db: document, tableName: readTableName(complaintsManifest.tables.complaints, env), figures, policy: slaPolicy }),
    figures,
    outbox: outboxFromEnvironment({ db: document, table: complaintsManifest.tables.complaints, context: CUSTOMER_SERVICE, logger, env }),
    policy: slaPolicy,
  });
};
