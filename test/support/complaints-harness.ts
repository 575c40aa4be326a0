import type { Logger } from '@aws-lambda-powertools/logger';
import { complaintsHandlerFromEnvironment } from '#functions/complaints/wiring.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import type { Clock } from '#shared/clock.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { apiEvent, lambdaContext } from './events.ts';

/**
 * The complaints function wired exactly as its handler module wires it, against the local
 * emulators, with the clock and logger injectable, and raw DynamoDB clients for assertions.
 */
export const createComplaintsHarness = (options: { clock?: Clock; logger?: Logger } = {}) => {
  const handler = complaintsHandlerFromEnvironment({
    logger: options.logger ?? createLogger('complaints-test'),
    ...(options.clock && { clock: options.clock }),
  });
  const { client, document } = createDynamoClients();

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
