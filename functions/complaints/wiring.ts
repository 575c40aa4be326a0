import type { Logger } from '@aws-lambda-powertools/logger';
import { createComplaintsHandler } from '#functions/complaints/app.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock, type Clock } from '#shared/clock.ts';
import { createComplaintRepository } from '#shared/complaints/repository.ts';
import { createComplaintService } from '#shared/complaints/service.ts';
import { readDataKeyConfig, readStage, readTableName } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * The complaints function wired from its environment: validated configuration, clients, the
 * data key. The Lambda entry point uses the defaults; tests inject a clock or a logger.
 */
export const complaintsHandlerFromEnvironment = (overrides: { clock?: Clock; logger?: Logger } = {}) => {
  const { client, document } = createDynamoClients();
  return createComplaintsHandler({
    logger: overrides.logger ?? createLogger('complaints'),
    service: createComplaintService({
      repository: createComplaintRepository(document, readTableName('complaints')),
      cipher: createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig()), stage: readStage() }),
      clock: overrides.clock ?? systemClock,
    }),
    idempotency: createIdempotency({ client, tableName: readTableName('idempotency') }),
  });
};
