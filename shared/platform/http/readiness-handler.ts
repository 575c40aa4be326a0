import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { json } from '#shared/http/response.ts';
import { routesOfFunction } from '#shared/platform/manifest.ts';
import type { Readiness } from '#shared/platform/readiness.ts';

/** `GET /health/ready`: 200 while every dependency answers, 503 naming the ones that do not. */
export const createReadinessHandler = (deps: { logger: Logger; readiness: () => Promise<Readiness> }) =>
  createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('readiness'),
    handlers: {
      'GET /health/ready': async () => {
        const readiness = await deps.readiness();
        return json(readiness.status === 'ready' ? 200 : 503, readiness);
      },
    },
  });
