import type { Logger } from '@aws-lambda-powertools/logger';
import type {
  APIGatewayProxyEventV2WithLambdaAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import { callerFromRequest, hasScope, type Caller } from '#shared/auth/caller.ts';
import type { AuthorizerContext } from '#shared/identity/authorizer-context.ts';
import { AccessReasonRequiredError, InvalidCursorError, NotFoundError } from '#shared/errors.ts';
import { ProblemError, problems } from '#shared/http/problem.ts';
import { problemResponse } from '#shared/http/response.ts';
import { createRequestGuards, type RequestGuardOptions } from '#shared/http/request-guards.ts';
import type { StagedLimitUse } from '#shared/http/request-limits.ts';
import { fullScope } from '#shared/manifest/platform.ts';
import { routeKey, type CallerKind, type RouteDefinition, type RouteKeyOf } from '#shared/manifest/types.ts';
import { countMetric, observedHandler } from '#shared/observability/metrics.ts';

/** The errors of shared/errors.ts, answered the same by every context (a context's mapError may answer them first). */
const sharedProblem = (error: unknown): ProblemError | undefined => {
  if (error instanceof NotFoundError) return problems.notFound();
  if (error instanceof InvalidCursorError) return problems.validation([{ in: 'query', path: 'cursor', message: error.message }]);
  if (error instanceof AccessReasonRequiredError) return problems.validation([{ in: 'header', path: 'x-access-reason', message: error.message }]);
  return undefined;
};

/** A request as API Gateway hands it over once the Lambda authorizer (shared/identity) vouched for the caller. */
export type ApiEvent = APIGatewayProxyEventV2WithLambdaAuthorizer<AuthorizerContext>;
export type ApiResult = APIGatewayProxyStructuredResultV2;

export type PersonCaller = Caller & { kind: 'person' };
export type MachineCaller = Caller & { kind: 'machine' };
type CallerOf<K extends CallerKind> = K extends 'person' ? PersonCaller : K extends 'machine' ? MachineCaller : undefined;

/** What a route's handler receives: the event, and the caller the route's kind admits (checked already). */
export interface RouteRequest<K extends CallerKind = CallerKind> {
  event: ApiEvent;
  context: Context;
  caller: CallerOf<K>;
  /** On a route whose limit is written with the change: the use its transaction must count. */
  limitUse?: StagedLimitUse;
}
export type RouteHandler<K extends CallerKind = CallerKind> = (request: RouteRequest<K>) => Promise<ApiResult>;

/** One handler per route of the manifest, keyed `METHOD /path`: a missing or misspelt route is a compile error. */
export type RouteHandlers<R extends RouteDefinition> = { [E in HandlerEntry<R> as E['key']]: RouteHandler<E['caller']> };
type HandlerEntry<R> = R extends RouteDefinition ? { key: RouteKeyOf<R>; caller: R['caller'] } : never;

/** Answers for a token of the wrong kind, so each context can say where its callers should go instead. */
export interface Refusals {
  /** A machine client's token on a route for people. */
  machine?: string;
  /** A person's token on a route for machine clients. */
  person?: string;
}

/**
 * The caller a route admits, checked once for every route: none for a public route; a person for
 * a person's route (a machine client's token gets 403); a machine client holding one of the route's
 * scopes for a machine route (the authorizer checks the scopes too).
 */
const admit = (route: RouteDefinition, event: ApiEvent, refusals: Refusals): Caller | undefined => {
  if (route.caller === 'public') return undefined;
  const caller = callerFromRequest(event.requestContext);
  if (route.caller === 'person') {
    if (caller.kind !== 'person') throw problems.forbidden(refusals.machine ?? 'This route is for people; integration clients have routes of their own.');
    return caller;
  }
  if (caller.kind !== 'machine') throw problems.forbidden(refusals.person ?? 'This route is for integration clients.');
  // The API's Lambda authorizer answers per token, not per route: the scopes are checked here.
  // A machine route that names no scope admits no client (fail closed).
  const scopes = route.scopes ?? [];
  if (!scopes.some((scope) => hasScope(caller, fullScope(scope)))) {
    throw problems.forbidden(`This route needs one of the scopes ${scopes.map(fullScope).join(', ') || '(none declared)'}.`);
  }
  return caller;
};

/** Counts each answer by its status class (`Responses2xx`, `Responses4xx`, `Responses5xx`). */
const countResponse = (response: ApiResult) => {
  countMetric(`Responses${Math.floor((response.statusCode ?? 200) / 100)}xx`);
};

/**
 * How long before the function's timeout a request still running is given up and answered 500
 * (problem+json, with its correlation id): a function that times out leaves its client with the
 * gateway's own error instead, and nothing in the log says which request it was.
 */
const TIMEOUT_EARLY_MS = 5;

const beforeTimeout = async (answer: Promise<ApiResult>, context: Context): Promise<ApiResult> => {
  // Lambda's context always has it; a hand-made one (a test, a local run) may not.
  if (typeof context.getRemainingTimeInMillis !== 'function') return answer;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(Object.assign(new Error('The function is about to time out'), { name: 'TimeoutError' })),
      context.getRemainingTimeInMillis() - TIMEOUT_EARLY_MS,
    );
  });
  try {
    return await Promise.race([answer, timedOut]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The answer to a request that failed: a known error's problem (logged as refused), anything else
 * a generic 500 naming the correlation id, logged with the error's name and call sites only (a
 * message, which may span lines, can quote the input it choked on).
 */
const failedAnswer = (
  error: unknown,
  options: { logger: Logger; mapError?: (error: unknown) => ProblemError | undefined; correlationId: string },
): ApiResult => {
  const { logger } = options;
  const known = error instanceof ProblemError ? error : (options.mapError?.(error) ?? sharedProblem(error));
  if (known) {
    logger.info('request refused', { status: known.problem.status, problem: known.problem.type });
    return problemResponse(known.problem, known.headers);
  }
  const { name, stack } = error instanceof Error ? error : new Error('non-error thrown');
  const callSites = stack?.split('\n').filter((line) => /^\s+at /.test(line)).join('\n');
  logger.error('request failed', { errorName: name, callSites });
  return problemResponse(problems.internal(options.correlationId).problem);
};

/**
 * The HTTP entry point of a bounded context: dispatches on the gateway's route key, turns every
 * error into problem+json (domain errors into their 4xx, anything else into a generic 500 with
 * the correlation id), logs one line per request without the event or the body, and writes the
 * request's metrics (its answer's status class, the events it published) when it is answered.
 * Before anything else it checks that the request came through CloudFront (shared/http/request-guards.ts),
 * and before a route with a `limit` runs, that its caller has not used it too often.
 * A route's answer goes out as the route built it, in any content type (`json()`, or `text()` of
 * shared/http/response.ts for an HTML page or a CSV file); every refusal is problem+json.
 */
export const createApiHandler = <Routes extends readonly RouteDefinition[]>(options: {
  logger: Logger;
  /** The routes of the function, as its context's manifest declares them. */
  routes: Routes;
  handlers: NoInfer<RouteHandlers<Routes[number]>>;
  /** Maps errors of the context's own libraries (idempotency, domain) to problems. */
  mapError?: (error: unknown) => ProblemError | undefined;
  refusals?: Refusals;
  /** The origin check and the per-caller limiter; by default the function environment's. */
  guards?: RequestGuardOptions;
}) => {
  const { logger, mapError } = options;
  const handlers = options.handlers as Record<string, RouteHandler>;
  const routes = new Map<string, RouteDefinition>(options.routes.map((route) => [routeKey(route), route]));
  const guards = createRequestGuards(options.routes, options.guards ?? {});

  const dispatch = async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    await guards.verifyOrigin(event);
    const route = routes.get(event.routeKey);
    const handle = handlers[event.routeKey];
    if (!route || !handle) throw problems.notFound('No such route.');
    const caller = admit(route, event, options.refusals ?? {});
    const limit = await guards.takeLimit(route, caller, event);
    if (!limit) return handle({ event, context, caller } as RouteRequest);
    try {
      return await handle({ event, context, caller, limitUse: limit.staged } as RouteRequest);
    } finally {
      // A request that wrote no change (a refused body, a replayed idempotency key) counts too;
      // beyond the limit its answer is the 429.
      await limit.settle();
    }
  };

  // One log context per request, reset when it is answered; its metrics are written last.
  return observedHandler(async (event: ApiEvent, context: Context): Promise<ApiResult> => {
    logger.refreshSampleRateCalculation();
    logger.addContext(context);
    logger.appendKeys({ routeKey: event.routeKey, correlationId: event.requestContext?.requestId });
    try {
      const response = await beforeTimeout(dispatch(event, context), context).then(
        (answer) => {
          logger.info('request completed', { status: answer.statusCode });
          return answer;
        },
        (error: unknown) => failedAnswer(error, { logger, mapError, correlationId: event.requestContext?.requestId ?? context.awsRequestId }),
      );
      countResponse(response);
      return response;
    } finally {
      logger.resetKeys();
    }
  });
};
