import middy from '@middy/core';
import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { InvalidCursorError, NotFoundError } from '#shared/errors.ts';
import { ProblemError, problems } from '#shared/http/problem.ts';
import { problemResponse } from '#shared/http/response.ts';

/** The errors of shared/errors.ts, answered the same by every context (a context's mapError may answer them first). */
const sharedProblem = (error: unknown): ProblemError | undefined => {
  if (error instanceof NotFoundError) return problems.notFound();
  if (error instanceof InvalidCursorError) return problems.validation([{ in: 'query', path: 'cursor', message: error.message }]);
  return undefined;
};

export type ApiEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type ApiResult = APIGatewayProxyStructuredResultV2;
export type RouteHandler = (event: ApiEvent, context: Context) => Promise<ApiResult>;

/**
 * The HTTP entry point of a bounded context: dispatches on the gateway's route key, turns every
 * error into problem+json (domain errors into their 4xx, anything else into a generic 500 with
 * the correlation id), and logs one line per request without the event or the body.
 */
export const createApiHandler = (options: {
  logger: Logger;
  routes: Record<string, RouteHandler>;
  /** Maps errors of the context's own libraries (idempotency, domain) to problems. */
  mapError?: (error: unknown) => ProblemError | undefined;
}) => {
  const { logger, routes, mapError } = options;

  const dispatch = async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    const route = routes[event.routeKey];
    if (!route) throw problems.notFound('No such route.');
    return route(event, context);
  };

  return middy<ApiEvent, ApiResult>(dispatch)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({
      before: (request) => {
        logger.appendKeys({ routeKey: request.event.routeKey, correlationId: request.event.requestContext?.requestId });
      },
      after: (request) => {
        logger.info('request completed', { status: request.response?.statusCode });
      },
      onError: (request) => {
        const error = request.error;
        const known = error instanceof ProblemError ? error : (mapError?.(error) ?? sharedProblem(error));
        if (known) {
          request.response = problemResponse(known.problem, known.headers);
          logger.info('request refused', { status: known.problem.status, problem: known.problem.type });
          return;
        }
        const correlationId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
        // Name and call sites only: messages (which may span lines) can quote the input they choked on.
        const { name, stack } = error instanceof Error ? error : new Error('non-error thrown');
        const callSites = stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
        logger.error('request failed', { errorName: name, callSites });
        request.response = problemResponse(problems.internal(correlationId).problem);
      },
    });
};
