import { Duration } from 'aws-cdk-lib';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { fullScope, routeKey, type RouteDefinition } from '#infra/manifest.ts';
import { authorizerEnv } from '#shared/identity/authorizer-context.ts';

/** How long API Gateway reuses the authorizer's answer for the same identity sources. */
const authorizerCacheTtl = Duration.minutes(5);

export interface ApiAuthorizersProps {
  /** The authorizer function (functions/authorizer, shared/identity). */
  handler: IFunction & { addEnvironment(key: string, value: string): unknown };
  people: { userPool: IUserPool; clients: readonly IUserPoolClient[] };
  staff: { userPool: IUserPool; clients: readonly IUserPoolClient[] };
  routes: readonly RouteDefinition[];
}

/**
 * The HTTP API's Lambda authorizers, one function trusting both user pools (a JWT authorizer
 * trusts one issuer, and routes such as `GET /v1/complaints/{id}` serve people and staff).
 * Its answer is cached per Authorization header; machine routes have their own authorizer keyed
 * on the route too, so that the route's scopes are checked before the function runs.
 */
export const createApiAuthorizers = (props: ApiAuthorizersProps) => {
  const { handler } = props;
  const clientIds = (clients: readonly IUserPoolClient[]) => clients.map((client) => client.userPoolClientId).join(',');
  handler.addEnvironment(authorizerEnv.peoplePoolId, props.people.userPool.userPoolId);
  handler.addEnvironment(authorizerEnv.peopleClientIds, clientIds(props.people.clients));
  handler.addEnvironment(authorizerEnv.staffPoolId, props.staff.userPool.userPoolId);
  handler.addEnvironment(authorizerEnv.staffClientIds, clientIds(props.staff.clients));
  const routeScopes = Object.fromEntries(
    props.routes.filter((route) => route.scopes?.length).map((route) => [routeKey(route), (route.scopes ?? []).map(fullScope)]),
  );
  handler.addEnvironment(authorizerEnv.routeScopes, JSON.stringify(routeScopes));

  const common = { responseTypes: [HttpLambdaResponseType.SIMPLE], resultsCacheTtl: authorizerCacheTtl };
  return {
    /** People's and staff routes: the answer depends on the token only. */
    person: new HttpLambdaAuthorizer('PeopleAndStaffAuthorizer', handler, {
      ...common,
      identitySource: ['$request.header.Authorization'],
    }),
    /** Machine routes: the answer depends on the route's scopes too, so the route is part of the cache key. */
    machine: new HttpLambdaAuthorizer('MachineClientAuthorizer', handler, {
      ...common,
      identitySource: ['$request.header.Authorization', '$context.routeKey'],
    }),
  };
};
