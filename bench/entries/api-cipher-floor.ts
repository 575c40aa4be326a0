import * as z from 'zod/mini';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * What every API function holding the data key loads before its context's own code: the API floor
 * (bench/entries/api-floor.ts), the personal-data cipher and the idempotent writes (Powertools
 * idempotency with its JMESPath). Informative, bundled the house's way: a function's load over this
 * floor is what its own routes, schemas and clients cost.
 */
const logger = createLogger('api-cipher-floor');
const clients = createDynamoClients();
const cipher = cipherFromEnvironment();
const idempotency = createIdempotency({ client: clients.client, tableName: 'idempotency' });
const Body = z.object({ text: z.string() });
const store = idempotency.wrap(
  async (request: { scope: string; body: { text: string } }) => (await cipher.seal('floor', request.scope, request.body)).byteLength,
  { keyPrefix: 'floor.store' },
);

export const handler = createApiHandler({
  logger,
  routes: [{ method: 'POST', path: '/v1/floor', function: 'floor', caller: 'public' }] as const,
  handlers: {
    'POST /v1/floor': async ({ event, context }) => json(201, { sealedBytes: await store({ scope: 'floor', body: readJsonBody(event, Body) }, context) }),
  },
});
