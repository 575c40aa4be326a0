import { createComplaintsHandler } from '#functions/complaints/app.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { systemClock } from '#shared/clock.ts';
import { createComplaintRepository } from '#shared/complaints/repository.ts';
import { createComplaintService } from '#shared/complaints/service.ts';
import { readDataKeyConfig, readStage, readTableName } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createLogger } from '#shared/observability/logger.ts';

// Module scope: configuration is validated and clients are created once per container.
const stage = readStage();
const { client, document } = createDynamoClients();

export const handler = createComplaintsHandler({
  logger: createLogger('complaints'),
  service: createComplaintService({
    repository: createComplaintRepository(document, readTableName('complaints')),
    cipher: createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig()), stage }),
    clock: systemClock,
  }),
  idempotency: createIdempotency({ client, tableName: readTableName('idempotency') }),
});
