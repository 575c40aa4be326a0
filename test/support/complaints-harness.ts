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
import { apiEvent, lambdaContext } from './events.ts';

/**
 * The complaints function wired exactly as its handler module wires it, against the local
 * emulators, with the clock and logger injectable.
 */
export const createComplaintsHarness = (options: { clock?: Clock; logger?: Logger } = {}) => {
  const { client, document } = createDynamoClients();
  const handler = createComplaintsHandler({
    logger: options.logger ?? createLogger('complaints-test'),
    service: createComplaintService({
      repository: createComplaintRepository(document, readTableName('complaints')),
      cipher: createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig()), stage: readStage() }),
      clock: options.clock ?? systemClock,
    }),
    idempotency: createIdempotency({ client, tableName: readTableName('idempotency') }),
  });

  const invoke = async (request: Parameters<typeof apiEvent>[0]) => {
    const result = await handler(apiEvent(request), lambdaContext());
    return {
      status: result.statusCode ?? 200,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: result.body ? (JSON.parse(result.body) as Record<string, any>) : undefined,
    };
  };

  return { handler, invoke, document, client };
};
