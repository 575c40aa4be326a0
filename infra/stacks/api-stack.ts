import { CrossStackReferences, ReferenceStrength, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type IHttpApi,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { functions, routeKey, routes, type FunctionName, type RouteDefinition } from '#infra/manifest.ts';
import type { NodeFunction } from '../constructs/node-function.ts';
import { applyRouteThrottles } from '../constructs/route-throttles.ts';
import type { StageSettings } from './deploy-stage.ts';
import { mapValues } from './map-values.ts';

export interface ApiStackProps extends StackProps {
  settings: StageSettings;
  /** The HTTP API (stateless stack), whose address CloudFront and the clients know. */
  api: IHttpApi;
  /** Where the stage writes one line per request (stateless stack, with the API). */
  accessLogs: ILogGroup;
  /** The functions (stateless stack): each route invokes one. */
  functions: Record<FunctionName, NodeFunction>;
  /** The Lambda authorizers (api-authorizer.ts): people's and staff routes, machine routes. */
  authorizers: { person: IHttpRouteAuthorizer; machine: IHttpRouteAuthorizer };
}

/**
 * One JSON line per request, for tracing and abuse analysis. No headers, bodies or query strings:
 * they can carry tokens and personal data.
 */
const accessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    integrationError: '$context.integrationErrorMessage',
    latency: '$context.responseLatency',
  }),
);

/**
 * The API's route table: every route of the manifests with its Lambda integration, the two Lambda
 * authorizers, and the `$default` stage with its access logs and per-route throttles. It grows by one resource
 * per route, so it lives apart from the functions (CloudFormation allows 500 resources per stack).
 * The HTTP API itself and CloudFront stay in the stateless stack: the API's address does not
 * change when routes do. This stack depends on the stateless one, never the other way.
 */
export class ApiStack extends Stack {
  public readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    // Strong references (Fn::ImportValue): a function cannot be removed while a route invokes it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    // The API as this stack sees it: the authorizers that its routes bind are created here, with them.
    const api = HttpApi.fromHttpApiAttributes(this, 'HttpApi', { httpApiId: props.api.apiId });
    const routeTable = new ApiRoutes(this, 'Routes', { ...props, api });
    this.stage = new HttpStage(this, 'DefaultStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.settings.throttle,
      // Per-route requests, errors and latency for the dashboard (infra/stacks/monitoring-stack.ts).
      detailedMetricsEnabled: true,
      accessLogSettings: { destination: new LogGroupLogDestination(props.accessLogs), format: accessLogFormat },
    });
    applyRouteThrottles(this.stage, routes, props.settings.throttle, routeTable.routes);
  }
}

/**
 * Every route of the definitions; one Lambda integration per function, shared by its routes, and
 * one invoke permission per function for this API (not one per route: a hundred-odd routes would
 * take a hundred-odd of the stack's 500 resources). API Gateway invokes a function only for the
 * routes whose integration it is, so the wider source ARN admits no other caller.
 */
class ApiRoutes extends Construct {
  public readonly routes: HttpRoute[];

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id);
    const publicAuthorizer = new HttpNoneAuthorizer();
    const integrations = mapValues(
      props.functions,
      (nodeFunction, name) =>
        new HttpLambdaIntegration(`${functions[name].logicalId}Integration`, nodeFunction.function, {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
          scopePermissionToRoute: false,
        }),
    );
    this.routes = routes.map((route) => {
      const httpRoute = new HttpRoute(this, `${route.method}${route.path}`, {
        httpApi: props.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: integrations[route.function],
        // Machine-client routes: the authorizer also wants one of the route's scopes in the token (403 otherwise).
        authorizer: authorizerOf(route, props.authorizers) ?? publicAuthorizer,
      });
      if (route.caller === 'public') acknowledgePublicRoute(httpRoute, route);
      return httpRoute;
    });
  }
}

function authorizerOf(route: RouteDefinition, authorizers: ApiStackProps['authorizers']): IHttpRouteAuthorizer | undefined {
  if (route.caller === 'public') return undefined;
  return route.caller === 'machine' ? authorizers.machine : authorizers.person;
}

function acknowledgePublicRoute(httpRoute: HttpRoute, route: RouteDefinition): void {
  Validations.of(httpRoute.node.defaultChild!).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: `${routeKey(route)} is public by definition (caller: 'public' in its context's manifest): it serves no personal data.`,
  });
}
