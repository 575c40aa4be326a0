import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/response.ts';
import type { Clock } from '#shared/clock.ts';
import { buildOpenApiDocument } from '#shared/platform/http/openapi-document.ts';
import { platformManifest } from '#shared/platform/manifest.ts';

/**
 * The platform's own public routes: liveness, and the OpenAPI document of every context (built
 * on the first request for it, then served from memory for the life of the container).
 */
export const createPlatformHandler = (deps: { logger: Logger; clock: Clock }) => {
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  return createApiHandler({
    logger: deps.logger,
    routes: platformManifest.routes,
    handlers: {
      'GET /health': async () => json(200, { status: 'ok', time: deps.clock.now().toISOString() }),
      'GET /v1/openapi.json': async () => {
        document ??= buildOpenApiDocument();
        return json(200, document, { 'cache-control': 'public, max-age=300' });
      },
    },
  });
};
