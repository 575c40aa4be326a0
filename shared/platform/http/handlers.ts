import { gunzipSync } from 'node:zlib';
import type { Logger } from '@aws-lambda-powertools/logger';
import { createApiHandler } from '#shared/http/api-handler.ts';
import { readJsonBody, readPath } from '#shared/http/request.ts';
import { json, text } from '#shared/http/response.ts';
import type { Clock } from '#shared/clock.ts';
import { readActivePeople, reportActivePeople, type ActivePeoplePorts } from '#shared/platform/active-people.ts';
import { ActivePeopleInputSchema, MonthPathSchema } from '#shared/platform/http/active-people-schemas.ts';
import { openApiDocumentGzip } from '#shared/platform/http/openapi-document.generated.ts';
import { routesOfFunction } from '#shared/platform/manifest.ts';

/**
 * The platform function's routes: liveness, the OpenAPI document of every context (generated from
 * the schemas by `npm run openapi`, inflated on the first request for it), the synthetic probe, an
 * authenticated read for the synthetic check, and the monthly active people administrators
 * report. Readiness is a function of its own (readiness-handler.ts).
 */
export const createPlatformHandler = (deps: {
  logger: Logger;
  clock: Clock;
  /** One read of no personal data through the whole stack (authorizer, function, table). */
  probeRead: () => Promise<void>;
  /** The monthly active people administrators report (created on first use). */
  activePeople: () => ActivePeoplePorts;
}) => {
  let document: string | undefined;
  return createApiHandler({
    logger: deps.logger,
    routes: routesOfFunction('platform'),
    handlers: {
      'GET /health': async () => json(200, { status: 'ok', time: deps.clock.now().toISOString() }),
      'GET /v1/synthetic-probe': async () => {
        await deps.probeRead();
        return json(200, { status: 'ok', time: deps.clock.now().toISOString() });
      },
      'PUT /v1/platform/active-people/{month}': async ({ event, caller }) => {
        const { month } = readPath(event, MonthPathSchema);
        const { activePeople } = readJsonBody(event, ActivePeopleInputSchema);
        const { report, replaced } = await reportActivePeople(deps.activePeople(), caller, month, activePeople);
        return json(replaced ? 200 : 201, report);
      },
      'GET /v1/platform/active-people/{month}': async ({ event, caller }) =>
        json(200, await readActivePeople(deps.activePeople(), caller, readPath(event, MonthPathSchema).month)),
      'GET /v1/openapi.json': async () => {
        document ??= gunzipSync(Buffer.from(openApiDocumentGzip, 'hex')).toString('utf8');
        return text(200, document, 'application/json', { 'cache-control': 'public, max-age=300' });
      },
    },
  });
};
