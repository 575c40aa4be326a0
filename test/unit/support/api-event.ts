import type { ApiEvent } from '#shared/http/api-handler.ts';
import { gatewayEvent } from '../../support/events.ts';

/**
 * Hand-built API Gateway HTTP API (payload format 2.0) events for unit tests: the shared
 * skeleton, with raw overrides for the field a test is about.
 */
export const apiEvent = (
  overrides: Partial<Omit<ApiEvent, 'requestContext'>> & {
    requestId?: string;
    claims?: Record<string, string>;
  } = {},
): ApiEvent => {
  const { requestId = 'req-0001', claims = { sub: 'user-1' }, ...event } = overrides;
  return { ...gatewayEvent({ routeKey: event.routeKey ?? 'POST /v1/complaints', claims, requestId }), ...event };
};

export { lambdaContext } from '../../support/events.ts';
