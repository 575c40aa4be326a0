import { platformManifest } from '#shared/platform/manifest.ts';
import { buildOpenApiDocument } from '#shared/openapi/document.ts';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/response.ts';
import { createLogger } from '#shared/observability/logger.ts';

// Built once per container, on first request.
let document: ReturnType<typeof buildOpenApiDocument> | undefined;

export const handler = createApiHandler({
  logger: createLogger('platform'),
  routes: platformManifest.routes,
  handlers: {
    'GET /health': async () => json(200, { status: 'ok', time: new Date().toISOString() }),
    'GET /v1/openapi.json': async () => {
      document ??= buildOpenApiDocument();
      return json(200, document, { 'cache-control': 'public, max-age=300' });
    },
  },
});
