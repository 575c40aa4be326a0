import * as z from 'zod/mini';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readJsonBody } from '#shared/http/request.ts';
import { json } from '#shared/http/response.ts';
import { createLogger } from '#shared/observability/logger.ts';

/**
 * What every API function of the house loads before its context's own code: the DynamoDB clients,
 * the logger and the metrics, the API handler (its guards, the caller checks, the problem answers)
 * and a request read with zod. Informative, bundled the house's way: a function's load over this
 * floor is what its own routes, schemas and clients cost.
 */
const logger = createLogger('api-floor');
const clients = createDynamoClients();
const Body = z.object({ text: z.string() });

export const handler = createApiHandler({
  logger,
  routes: [{ method: 'POST', path: '/v1/floor', function: 'floor', caller: 'public' }] as const,
  handlers: {
    'POST /v1/floor': async ({ event }) => json(201, { text: readJsonBody(event, Body).text, client: typeof clients.document }),
  },
});
