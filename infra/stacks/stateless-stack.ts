import {
  CfnOutput,
  CfnResource,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  LogGroupLogDestination,
  PayloadFormatVersion,
  type HttpStage,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { NodeFunction } from '../constructs/node-function.ts';
import {
  functions,
  roles,
  routeKey,
  routes,
  type FunctionName,
  type RouteDefinition,
  type TableName,
} from '../resources.ts';
import type { StageSettings } from './deploy-stage.ts';
import { mapValues } from './map-values.ts';

export interface StatelessStackProps extends StackProps {
  settings: StageSettings;
  dataKey: IKey;
  tables: Record<TableName, ITable>;
  /** Repository root, where the function entries and package-lock.json live. */
  projectRoot: string;
  /** Browser origins allowed by CORS; bearer tokens (not cookies) make `*` safe. */
  corsAllowOrigins?: string[];
}

/** Headers a browser may send cross-origin; Idempotency-Key makes POST retries safe. */
export const corsAllowHeaders = ['Authorization', 'Content-Type', 'Idempotency-Key'];
/** Stable logical id: the user pool holds every account, replacing it would lose them. */
export const userPoolLogicalId = 'UserPool';

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

/** The API, identities and functions: replaceable at will, the data lives in the stateful stack. */
export class StatelessStack extends Stack {
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  public readonly api: HttpApi;
  public readonly apiStage: HttpStage;
  public readonly functions: Record<FunctionName, NodeFunction>;
  private readonly settings: StageSettings;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Strong references (Fn::ImportValue): the stateful stack cannot be deleted while this one uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.settings = props.settings;

    this.userPool = this.createUserPool();
    this.userPoolClient = this.userPool.addClient('PlatformClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    const issuer = `https://${this.userPool.userPoolProviderUrl}`;

    this.functions = this.createFunctions(props);
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: `user-protection-${this.settings.stage}`,
      description: `User protection API (${this.settings.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowHeaders: corsAllowHeaders,
        allowMethods: [...new Set(routes.map((route) => CorsHttpMethod[route.method]))],
        allowOrigins: props.corsAllowOrigins ?? ['*'],
        maxAge: Duration.hours(1),
      },
    });
    this.apiStage = this.createDefaultStage();
    const jwtAuthorizer = new HttpJwtAuthorizer('CognitoAuthorizer', issuer, {
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });
    this.addRoutes(jwtAuthorizer);

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'Issuer', { value: issuer });
  }

  /**
   * The platform's users register themselves (a verified email); a user in no group has the role
   * `user`. Staff roles are groups that only an administrator can assign (AdminAddUserToGroup),
   * so no one can give themselves one.
   */
  private createUserPool(): UserPool {
    const userPool = new UserPool(this, userPoolLogicalId, {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      featurePlan: FeaturePlan.ESSENTIALS,
      deletionProtection: this.settings.protectData,
      removalPolicy: this.settings.dataRemovalPolicy,
    });
    (userPool.node.defaultChild as CfnResource).overrideLogicalId(userPoolLogicalId);
    Validations.of(userPool.node.defaultChild!).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason:
          'MFA is optional (TOTP, no SMS) so that people filing complaints are not locked out of the complaint channel; staff MFA must be enforced (e.g. a staff pool requiring MFA) before staff consoles go live.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Plus feature plan, billed per monthly active user; Essentials is a deliberate cost decision to revisit before staff consoles go live.',
      },
    );
    // One group per role: the access token carries them in `cognito:groups`.
    roles.forEach((role) => {
      new UserPoolGroup(this, `${role}Group`, { userPool, groupName: role, description: `Role ${role}` });
    });
    return userPool;
  }

  private createFunctions(props: StatelessStackProps): Record<FunctionName, NodeFunction> {
    return mapValues(
      functions,
      (definition, name) =>
        new NodeFunction(this, definition.logicalId, {
          name,
          definition,
          settings: this.settings,
          tables: props.tables,
          dataKey: props.dataKey,
          projectRoot: props.projectRoot,
        }),
    );
  }

  private createDefaultStage(): HttpStage {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: this.settings.logRetention,
      removalPolicy: this.settings.logRemovalPolicy,
    });
    return this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: this.settings.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: accessLogFormat },
    });
  }

  /** Every route of the definitions; one Lambda integration per function, shared by its routes. */
  private addRoutes(jwtAuthorizer: IHttpRouteAuthorizer): void {
    const publicAuthorizer = new HttpNoneAuthorizer();
    const integrations = mapValues(
      this.functions,
      (nodeFunction, name) =>
        new HttpLambdaIntegration(`${functions[name].logicalId}Integration`, nodeFunction.function, {
          payloadFormatVersion: PayloadFormatVersion.VERSION_2_0,
        }),
    );
    for (const route of routes) {
      const [httpRoute] = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrations[route.function],
        authorizer: route.auth === 'jwt' ? jwtAuthorizer : publicAuthorizer,
      });
      if (route.auth === 'none' && httpRoute) acknowledgePublicRoute(httpRoute, route);
    }
  }
}

function acknowledgePublicRoute(httpRoute: Construct, route: RouteDefinition): void {
  Validations.of(httpRoute.node.defaultChild!).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason: `${routeKey(route)} is public by definition (auth: 'none' in infra/resources.ts): it serves no personal data.`,
  });
}
