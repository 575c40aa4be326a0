import type { JwksCache } from 'aws-jwt-verify/jwk';
import type { APIGatewayRequestAuthorizerEventV2, APIGatewaySimpleAuthorizerWithContextResult } from 'aws-lambda';
import { authorizerEnv, type AuthorizerContext } from '#shared/identity/authorizer-context.ts';
import { createBearerAuthorizer, type TrustedPool } from '#shared/identity/bearer-authorizer.ts';
import { readVar } from '#shared/config.ts';
import { createLogger } from '#shared/observability/logger.ts';

const list = (value: string): string[] => value.split(',').filter(Boolean);

/** The pools, their clients and the route scopes, as the stack hands them to the function. */
const trustedPoolsFromEnvironment = (env: NodeJS.ProcessEnv): TrustedPool[] => [
  { name: 'people', userPoolId: readVar(env, authorizerEnv.peoplePoolId), clientIds: list(readVar(env, authorizerEnv.peopleClientIds)) },
  { name: 'staff', userPoolId: readVar(env, authorizerEnv.staffPoolId), clientIds: list(readVar(env, authorizerEnv.staffClientIds)) },
];

type AuthorizerResult = APIGatewaySimpleAuthorizerWithContextResult<AuthorizerContext | Record<string, never>>;

/**
 * The HTTP API's Lambda authorizer (simple responses): verifies the bearer token against both
 * user pools with the JWKS fetched once per container (`jwksCache` replaces the fetching, for
 * tests), and hands the caller to the integration. Logs the reason of a refusal, never the token.
 */
export const authorizerHandlerFromEnvironment = (env: NodeJS.ProcessEnv = process.env, options: { jwksCache?: JwksCache } = {}) => {
  const logger = createLogger('authorizer');
  const authorizer = createBearerAuthorizer({
    pools: trustedPoolsFromEnvironment(env),
    routeScopes: JSON.parse(env[authorizerEnv.routeScopes] ?? '{}') as Record<string, string[]>,
    ...options,
  });
  return async (event: APIGatewayRequestAuthorizerEventV2): Promise<AuthorizerResult> => {
    const result = await authorizer.authorize(event.headers?.authorization, event.routeKey);
    if (!result.ok) {
      logger.info('request refused', { routeKey: event.routeKey, reason: result.reason });
      return { isAuthorized: false, context: {} };
    }
    return { isAuthorized: true, context: result.context };
  };
};
