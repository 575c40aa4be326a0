import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  commonEnv,
  eventBus,
  eventRules,
  eventSourceOf,
  fullScope,
  functions,
  jobs,
  machineClients,
  metricsNamespace,
  resourceServer,
  roles,
  routeKey,
  routes,
  tables,
  type EventRuleDefinition,
  type FunctionDefinition,
  type FunctionName,
  type JobName,
  type TableName,
} from '#infra/manifest.ts';
import { asyncRetryAttempts, asynchronouslyInvokedFunctions } from '../../infra/constructs/async-invocation.ts';
import { buildOpenApiDocument } from '#shared/platform/http/openapi-document.ts';
import { PROMISES_TURNED_NOT_KEPT_METRIC } from '#shared/transparency/use-cases/watch-commitments.ts';
import { jobRetryAttempts } from '../../infra/constructs/job-schedule.ts';
import { runWorthMilliseconds } from '../../infra/schedule-expression.ts';
import { dataKeyLogicalId, pseudonymKeyLogicalId, storageKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { userPoolLogicalId } from '../../infra/stacks/stateless-stack.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

const functionNames = Object.keys(functions) as FunctionName[];
const jobNames = Object.keys(jobs) as JobName[];
const machineClientDefinitions = Object.values(machineClients);
/** How a cross-stack reference to a stateful resource's ARN appears in this template. */
const importedArn = (logicalId: string) => `${logicalId}Arn`;
/** How the API stack's reference to a stateless resource's `Arn` appears (an Fn::ImportValue of its export). */
const exportedArn = (logicalId: string) => `ExportsOutputFnGetAtt${logicalId}Arn`;

/** Statements of every identity policy in a template, inline role policies included. */
function policyStatements(template: Template): Array<Record<string, any>> {
  const documents = [
    ...Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).map((policy) => policy.Properties?.PolicyDocument),
    ...Object.values(resourcesOfType(template, 'AWS::IAM::Role')).flatMap((role) =>
      (role.Properties?.Policies ?? []).map((policy: { PolicyDocument: unknown }) => policy.PolicyDocument),
    ),
  ];
  return documents.flatMap((document) => document.Statement);
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** A queue that refuses plain HTTP and alarms as soon as it holds a message. */
function expectSslOnlyAndAlarmed(template: Template, queueId: string): void {
  expectResourceProperties(template, 'AWS::SQS::QueuePolicy', {
    Queues: [{ Ref: queueId }],
    PolicyDocument: {
      Statement: Match.arrayWith([
        Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      ]),
    },
  });
  expectResourceProperties(template, 'AWS::CloudWatch::Alarm', {
    Namespace: 'AWS/SQS',
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
    ComparisonOperator: 'GreaterThanThreshold',
    Threshold: 0,
  });
}

describe('stateless stack (dev)', () => {
  let template: Template;
  let stateful: Template;
  /** The API stack: routes, integrations, authorizers and the stage. */
  let apiTemplate: Template;
  let lambdas: Record<string, TemplateResource>;

  /** The Lambda function built from a definition, found by its Powertools service name. */
  const lambdaOf = (name: FunctionName): [string, TemplateResource] => {
    const found = Object.entries(lambdas).find(
      ([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
    );
    if (!found) throw new Error(`no function for ${name}`);
    return found;
  };

  /** Statements of the policy attached to a function's role. */
  const statementsOf = (name: FunctionName) => {
    const roleLogicalId = lambdaOf(name)[1].Properties?.Role['Fn::GetAtt'][0];
    const policies = Object.values(resourcesOfType(template, 'AWS::IAM::Policy')).filter((policy) =>
      policy.Properties?.Roles.some((role: { Ref: string }) => role.Ref === roleLogicalId),
    );
    return policies.flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Array<Record<string, any>>);
  };

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    const synthesised = synthUserProtection('dev');
    template = synthesised.stateless;
    stateful = synthesised.stateful;
    apiTemplate = synthesised.api;
    lambdas = resourcesOfType(template, 'AWS::Lambda::Function');
  });

  describe('routes', () => {
    const jwtRoutes = routes.filter((route) => route.caller !== 'public');
    const publicRoutes = routes.filter((route) => route.caller === 'public');
    const routeResource = (key: string) =>
      Object.values(resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Route')).find(
        (route) => route.Properties?.RouteKey === key,
      );

    it('are exactly the route definitions', () => {
      // Act
      const routeKeys = Object.values(resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Route')).map(
        (route) => route.Properties?.RouteKey,
      );

      // Assess
      expect(routeKeys.sort()).toEqual(routes.map(routeKey).sort());
    });

    it('let API Gateway invoke each API function through one permission for this API, not one per route', () => {
      // Act
      const fromApi = Object.values(resourcesOfType(apiTemplate, 'AWS::Lambda::Permission')).filter(
        (permission) => permission.Properties?.Principal === 'apigateway.amazonaws.com' && !JSON.stringify(permission.Properties?.SourceArn).includes('/authorizers/'),
      );

      // Assess: the permissions of the API's functions, one each, each for any route of this API only
      const apiFunctions = new Set(routes.map((route) => route.function));
      expect(fromApi).toHaveLength(apiFunctions.size);
      for (const permission of fromApi) expect(JSON.stringify(permission.Properties?.SourceArn)).toMatch(/execute-api.*\/\*\/\*\/\*"/);
    });

    /** The authorizer a route uses, with its type, identity sources and cache TTL. */
    const authorizerOf = (key: string) =>
      resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Authorizer')[routeResource(key)?.Properties?.AuthorizerId?.Ref];

    it.each(jwtRoutes.map(routeKey))("%s uses the API's Lambda authorizer", (key) => {
      // Act
      const route = routeResource(key);
      const authorizer = authorizerOf(key);

      // Assess
      expect(route?.Properties).toMatchObject({ AuthorizationType: 'CUSTOM' });
      expect(authorizer?.Properties).toMatchObject({
        AuthorizerType: 'REQUEST',
        AuthorizerPayloadFormatVersion: '2.0',
        EnableSimpleResponses: true,
        AuthorizerResultTtlInSeconds: 300,
      });
      expect(JSON.stringify(authorizer?.Properties?.AuthorizerUri)).toContain(exportedArn(lambdaOf('authorizer')[0]));
      expect(route?.Properties?.AuthorizationScopes).toBeUndefined();
    });

    it.each(jwtRoutes.map((route) => [routeKey(route), route.caller] as const))(
      '%s (%s): the answer is cached per token, and per route where the route has scopes to check',
      (key, caller) => {
        // Act
        const identitySource = authorizerOf(key)?.Properties?.IdentitySource;

        // Assess
        expect(identitySource).toEqual(
          caller === 'machine' ? ['$request.header.Authorization', '$context.routeKey'] : ['$request.header.Authorization'],
        );
      },
    );

    it('have an authorizer on every route that is not public by definition', () => {
      // Act
      const unauthorised = Object.values(resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Route'))
        .filter((route) => route.Properties?.AuthorizationType !== 'CUSTOM' || !route.Properties?.AuthorizerId)
        .map((route) => route.Properties?.RouteKey);

      // Assess
      expect(unauthorised.sort()).toEqual(publicRoutes.map(routeKey).sort());
    });

    it.each(publicRoutes.map(routeKey))('%s is public', (key) => {
      // Act
      const route = routeResource(key);

      // Assess
      expect(route?.Properties?.AuthorizationType).toBe('NONE');
    });

    it.each(routes.map((route) => [routeKey(route), route.function] as const))(
      '%s reaches the %s function with payload format 2.0',
      (key, functionName) => {
        // Act
        const integrationId = routeResource(key)?.Properties?.Target['Fn::Join'][1][1].Ref;
        const integration = resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Integration')[integrationId];

        // Assess
        expect(integration?.Properties).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
          IntegrationUri: { 'Fn::ImportValue': expect.stringContaining(exportedArn(lambdaOf(functionName)[0])) },
        });
      },
    );
  });

  describe('Lambda authorizer', () => {
    it("trusts the people's pool with its clients (platform and machines), the staff pool with the console, and the routes' scopes", () => {
      // Act
      const environment = lambdaOf('authorizer')[1].Properties?.Environment.Variables;
      const clientIds = Object.keys(resourcesOfType(template, 'AWS::Cognito::UserPoolClient'));
      const peopleClients = JSON.stringify(environment.PEOPLE_CLIENT_IDS);

      // Assess
      expect(environment.PEOPLE_USER_POOL_ID).toEqual({ Ref: userPoolLogicalId });
      expect(JSON.stringify(environment.STAFF_USER_POOL_ID)).toContain('StaffUserPool');
      expect(JSON.stringify(environment.STAFF_CLIENT_IDS)).toContain('StaffIdentities');
      for (const clientId of clientIds) expect(peopleClients).toContain(clientId);
      expect(clientIds).toHaveLength(1 + machineClientDefinitions.length);
      expect(JSON.parse(environment.ROUTE_SCOPES)).toEqual(
        Object.fromEntries(routes.filter((route) => route.scopes?.length).map((route) => [routeKey(route), route.scopes?.map(fullScope)])),
      );
    });

    it('is two authorizers of one function, whose answers are cached for five minutes', () => {
      // Act
      const authorizers = Object.values(resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Authorizer'));

      // Assess
      expect(authorizers).toHaveLength(2);
      for (const authorizer of authorizers) expect(authorizer.Properties?.AuthorizerResultTtlInSeconds).toBe(300);
    });
  });

  describe('user pool', () => {
    it('keeps its logical id, lets users register, with a strong password policy and optional TOTP MFA', () => {
      // Act
      const userPool = resourcesOfType(template, 'AWS::Cognito::UserPool')[userPoolLogicalId];

      // Assess
      expect(userPool?.Properties).toMatchObject({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: false },
        MfaConfiguration: 'OPTIONAL',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          },
        },
      });
    });

    it("has one group per people's role, and none for staff roles (they live in the staff pool)", () => {
      // Act
      const groups = Object.values(resourcesOfType(template, 'AWS::Cognito::UserPoolGroup')).map(
        (group) => group.Properties?.GroupName,
      );

      // Assess
      expect(groups.sort()).toEqual(['trusted_flagger', 'user']);
      expect(roles.filter((role) => !groups.includes(role)).sort()).toEqual(['admin', 'agent', 'comms', 'moderator', 'privacy', 'security']);
    });

    it('has a public SRP client for the platform, without the hosted-UI OAuth flows', () => {
      // Assess
      expectResourceProperties(template, 'AWS::Cognito::UserPoolClient', {
        UserPoolId: { Ref: userPoolLogicalId },
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        AllowedOAuthFlowsUserPoolClient: false,
        AllowedOAuthFlows: Match.absent(),
        CallbackURLs: Match.absent(),
      });
    });

    it('has a resource server with the scopes of its definition', () => {
      // Assess
      expectResourceProperties(template, 'AWS::Cognito::UserPoolResourceServer', {
        UserPoolId: { Ref: userPoolLogicalId },
        Identifier: resourceServer.identifier,
        Scopes: Object.entries(resourceServer.scopes).map(([ScopeName, ScopeDescription]) => ({
          ScopeName,
          ScopeDescription,
        })),
      });
    });

    it('has a Cognito domain, unique per stage and account, for the token endpoint', () => {
      // Assess
      expectResourceProperties(template, 'AWS::Cognito::UserPoolDomain', {
        UserPoolId: { Ref: userPoolLogicalId },
        Domain: { 'Fn::Join': ['', ['user-protection-dev-', { Ref: 'AWS::AccountId' }]] },
      });
    });

    it.each(machineClientDefinitions)(
      '$logicalId: a confidential client-credentials client with only its own scopes, tokens for an hour',
      (client) => {
        // Act
        const found = Object.values(resourcesOfType(template, 'AWS::Cognito::UserPoolClient')).filter(
          (resource) => resource.Properties?.ClientName === client.localClientId,
        );

        // Assess
        expect(found).toHaveLength(1);
        const properties = found[0]?.Properties ?? {};
        expect(properties).toMatchObject({
          UserPoolId: { Ref: userPoolLogicalId },
          GenerateSecret: true,
          AllowedOAuthFlowsUserPoolClient: true,
          AllowedOAuthFlows: ['client_credentials'],
          // No user sign-in flow (refresh is inert: client credentials issue no refresh token).
          ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH'],
          AccessTokenValidity: 60,
          TokenValidityUnits: { AccessToken: 'minutes' },
        });
        const scopes = (properties.AllowedOAuthScopes as Array<{ 'Fn::Join': [string, [unknown, string]] }>).map(
          (scope) => scope['Fn::Join'][1][1],
        );
        expect(scopes).toEqual(client.scopes.map((scope) => `/${scope}`));
      },
    );
  });

  describe('pseudonym key and event bus', () => {
    const allStatements = () => policyStatements(template).filter((statement) => statement.Effect === 'Allow');
    const withAction = (action: string) =>
      allStatements().filter((statement) => asArray(statement.Action).includes(action));

    it('grants kms:GenerateMac on the HMAC key only, and nothing else on that key', () => {
      // Act
      const generateMac = withAction('kms:GenerateMac');
      const onPseudonymKey = allStatements().filter((statement) =>
        JSON.stringify(statement.Resource).includes(importedArn(pseudonymKeyLogicalId)),
      );

      // Assess
      expect(generateMac.length).toBeGreaterThan(0);
      for (const statement of generateMac) {
        expect(asArray(statement.Resource)).toHaveLength(1);
        expect(JSON.stringify(statement.Resource)).toContain(importedArn(pseudonymKeyLogicalId));
      }
      // Besides GenerateMac, only the readiness check's DescribeKey and the security audit's reads of
      // the key's metadata (its state, rotation and policy: no use of it).
      const auditsKey = ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus'];
      for (const statement of onPseudonymKey) expect([['kms:GenerateMac'], ['kms:DescribeKey'], auditsKey]).toContainEqual(asArray(statement.Action).sort());
    });

    it('grants events:PutEvents on the domain bus only', () => {
      // Act
      const putEvents = withAction('events:PutEvents');

      // Assess
      expect(putEvents.length).toBeGreaterThan(0);
      for (const statement of putEvents) {
        expect(asArray(statement.Resource)).toHaveLength(1);
        expect(JSON.stringify(statement.Resource)).toContain(importedArn(eventBus.logicalId));
        expect(asArray(statement.Action)).toEqual(['events:PutEvents']);
      }
    });

    it.each(functionNames.filter((name) => (functions[name] as FunctionDefinition).publishesEvents === true))(
      '%s may put events on the bus only with its own context as their source',
      (name) => {
        // Act
        const putEvents = statementsOf(name).filter((statement) => asArray(statement.Action).includes('events:PutEvents'));

        // Assess
        expect(putEvents).toHaveLength(1);
        expect(putEvents[0]?.Condition).toEqual({ StringEquals: { 'events:source': eventSourceOf[name] } });
        expect(eventSourceOf[name]).toMatch(new RegExp(`^${eventBus.source}\\.[a-z-]+$`));
      },
    );

    it.each(functionNames)('%s may derive pseudonyms and publish events only if its definition says so', (name) => {
      // Act
      const actions = statementsOf(name).flatMap((statement) => asArray(statement.Action) as string[]);
      const variables = lambdaOf(name)[1].Properties?.Environment.Variables as Record<string, unknown>;

      // Assess
      const definition: FunctionDefinition = functions[name];
      expect(actions.includes('kms:GenerateMac')).toBe(definition.usesPseudonymKey === true);
      expect(variables[commonEnv.pseudonymKeyArn] !== undefined).toBe(definition.usesPseudonymKey === true);
      expect(actions.includes('events:PutEvents')).toBe(definition.publishesEvents === true);
      expect(variables[commonEnv.eventBusName] !== undefined).toBe(definition.publishesEvents === true);
    });

    it('lets every function that serves a paged list derive its cursor key (GenerateMac on the pseudonym key)', () => {
      // Prepare: a paged list is an operation of the OpenAPI document that takes a `cursor`.
      const document = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { parameters?: Array<{ name?: string }> }>> };
      const listRoutes = Object.entries(document.paths).flatMap(([path, operations]) =>
        Object.entries(operations)
          .filter(([, operation]) => (operation.parameters ?? []).some((parameter) => parameter.name === 'cursor'))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
      const listing = [...new Set(routes.filter((route) => listRoutes.includes(routeKey(route))).map((route) => route.function as FunctionName))];

      // Act
      const grants = listing.map((name) => [name, statementsOf(name).some((statement) => asArray(statement.Action).includes('kms:GenerateMac'))]);

      // Assess
      expect(listRoutes.length).toBeGreaterThan(5);
      expect(listing).toEqual(expect.arrayContaining(['complaints', 'moderation', 'surveys']));
      expect(grants).toEqual(listing.map((name) => [name, true]));
    });

    it('gives publishers the name of the domain bus', () => {
      // Act
      const busNames = functionNames
        .filter((name) => (functions[name] as FunctionDefinition).publishesEvents)
        .map((name) => JSON.stringify(lambdaOf(name)[1].Properties?.Environment.Variables[commonEnv.eventBusName]));

      // Assess
      expect(busNames.length).toBeGreaterThan(0);
      for (const busName of busNames) expect(busName).toContain(`ExportsOutputRef${eventBus.logicalId}`);
    });
  });

  describe('scheduled jobs', () => {
    const schedules = () => Object.values(resourcesOfType(template, 'AWS::Scheduler::Schedule'));
    const scheduleOf = (name: JobName) => {
      const found = schedules().filter((schedule) => JSON.parse(schedule.Properties?.Target.Input).job === name);
      expect(found).toHaveLength(1);
      return found[0]!;
    };

    it('exist once per job', () => {
      // Assess
      expect(schedules()).toHaveLength(jobNames.length);
    });

    it.each(jobNames)('%s invokes its function on its schedule with { job, time: the scheduled time }', (name) => {
      // Act
      const properties = scheduleOf(name).Properties;

      // Assess
      expect(properties?.ScheduleExpression).toBe(jobs[name].schedule);
      expect(properties?.State).toBe('ENABLED');
      expect(properties?.Target.Arn).toEqual({ 'Fn::GetAtt': [lambdaOf(jobs[name].function)[0], 'Arn'] });
      expect(JSON.parse(properties?.Target.Input)).toEqual({ job: name, time: '<aws.scheduler.scheduled-time>' });
    });

    it.each(jobNames)('%s retries, then sends the failed invocation to an encrypted dead-letter queue', (name) => {
      // Act
      const target = scheduleOf(name).Properties?.Target;
      const queueId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
      const queue = resourcesOfType(template, 'AWS::SQS::Queue')[queueId];

      // Assess
      expect(target.RetryPolicy).toEqual({
        MaximumRetryAttempts: jobRetryAttempts,
        MaximumEventAgeInSeconds: expect.any(Number),
      });
      expect(jobRetryAttempts).toBeGreaterThan(0);
      expect(queue?.Properties?.SqsManagedSseEnabled).toBe(true);
      expectSslOnlyAndAlarmed(template, queueId);
    });

    it.each(jobNames)('%s runs under a role that may invoke its function and send to its queue, nothing else', (name) => {
      // Act
      const target = scheduleOf(name).Properties?.Target;
      const roleId = target.RoleArn['Fn::GetAtt'][0];
      const role = resourcesOfType(template, 'AWS::IAM::Role')[roleId];
      const statements = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
        .filter((policy) => policy.Properties?.Roles.some((r: { Ref: string }) => r.Ref === roleId))
        .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Array<Record<string, any>>);

      // Assess
      expect(role?.Properties?.AssumeRolePolicyDocument.Statement).toEqual([
        expect.objectContaining({
          Principal: { Service: 'scheduler.amazonaws.com' },
          Condition: { StringEquals: expect.objectContaining({ 'aws:SourceAccount': expect.anything() }) },
        }),
      ]);
      expect(statements.flatMap((statement) => asArray(statement.Action)).sort()).toEqual([
        'lambda:InvokeFunction',
        'sqs:SendMessage',
      ]);
    });

    it.each(jobNames)('%s: an alarm fires when its function fails', (name) => {
      // Assess
      expectResourceProperties(template, 'AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaOf(jobs[name].function)[0] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
    });
  });

  describe('API stage', () => {
    it('is the auto-deployed default stage, throttled, with JSON access logs without headers or bodies', () => {
      // Act
      const [stage] = Object.values(resourcesOfType(apiTemplate, 'AWS::ApiGatewayV2::Stage'));
      const format = JSON.parse(stage?.Properties?.AccessLogSettings.Format);

      // Assess
      expect(stage?.Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: expect.any(Number), ThrottlingBurstLimit: expect.any(Number) },
      });
      const expectedFields = ['requestId', 'ip', 'requestTime', 'httpMethod', 'routeKey', 'status'];
      expectedFields.push('protocol', 'responseLength', 'integrationError', 'latency');
      expect(Object.keys(format).sort()).toEqual(expectedFields.sort());
      expect(Object.values(format).join(' ')).not.toMatch(/header|body|querystring|authorizer\.claims/i);
      const destination = JSON.stringify(stage?.Properties?.AccessLogSettings.DestinationArn);
      const [logGroup] = Object.entries(resourcesOfType(template, 'AWS::Logs::LogGroup')).filter(([id]) => destination.includes(exportedArn(id)));
      expect(logGroup?.[1].Properties?.RetentionInDays).toBe(30);
    });

    it('answers CORS preflights for the headers the API reads, and lets browsers read Location and Retry-After', () => {
      // Assess
      expectResourceProperties(template, 'AWS::ApiGatewayV2::Api', {
        ProtocolType: 'HTTP',
        CorsConfiguration: Match.objectLike({
          AllowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Access-Reason', 'X-Follow-Up-Token'],
          ExposeHeaders: ['Location', 'Retry-After'],
        }),
      });
    });
  });

  describe('functions', () => {
    it('exist once per definition', () => {
      // Assess
      expect(Object.keys(lambdas)).toHaveLength(functionNames.length);
    });

    it.each(functionNames)('%s runs on arm64 Node 22 with the memory and timeout of its definition', (name) => {
      // Act
      const properties = lambdaOf(name)[1].Properties;

      // Assess
      expect(properties).toMatchObject({
        Architectures: ['arm64'],
        Runtime: 'nodejs22.x',
        MemorySize: functions[name].memorySize,
        Timeout: functions[name].timeoutSeconds,
        Environment: {
          Variables: {
            [commonEnv.stage]: 'dev',
            POWERTOOLS_METRICS_NAMESPACE: 'UserProtection',
          },
        },
      });
      // Stack traces are mapped when formatted (shared/observability/stack-traces.ts), so node
      // does not parse the source map at every cold start.
      expect(properties?.Environment?.Variables?.NODE_OPTIONS).toBeUndefined();
    });

    it.each(functionNames)('%s is measured, not traced: no X-Ray, its service name, the metrics namespace and stage', (name) => {
      // Act
      const properties = lambdaOf(name)[1].Properties;
      const xrayActions = statementsOf(name)
        .flatMap((statement) => asArray(statement.Action))
        .filter((action: string) => action.startsWith('xray:'));

      // Assess: no active tracing and no xray action on the role; Powertools Metrics reads these
      // variables and is not switched off in AWS.
      expect(properties?.TracingConfig?.Mode).not.toBe('Active');
      expect(xrayActions).toEqual([]);
      const variables = properties?.Environment.Variables as Record<string, unknown>;
      expect(variables).toMatchObject({
        [commonEnv.stage]: 'dev',
        [commonEnv.serviceName]: name,
        [commonEnv.metricsNamespace]: metricsNamespace,
      });
      for (const switchedOff of ['POWERTOOLS_METRICS_DISABLED', 'POWERTOOLS_DEV']) {
        expect(variables, switchedOff).not.toHaveProperty(switchedOff);
      }
    });

    it.each(functionNames)('%s logs to its own log group with retention', (name) => {
      // Act
      const logGroupId = lambdaOf(name)[1].Properties?.LoggingConfig.LogGroup.Ref;

      // Assess
      expect(resourcesOfType(template, 'AWS::Logs::LogGroup')[logGroupId]?.Properties?.RetentionInDays).toBe(30);
    });

    it.each(functionNames)('%s receives the names of its tables, and the data key if it uses it', (name) => {
      // Act
      const variables = lambdaOf(name)[1].Properties?.Environment.Variables as Record<string, unknown>;

      // Assess
      const grantedTables = Object.keys(functions[name].tables) as TableName[];
      for (const table of Object.keys(tables) as TableName[]) {
        const { envVar } = tables[table];
        expect(variables[envVar] !== undefined, envVar).toBe(grantedTables.includes(table));
      }
      expect(variables[commonEnv.dataKeyArn] !== undefined).toBe(functions[name].usesDataKey);
    });

    it.each(functionNames)('%s may touch exactly the tables of its definition', (name) => {
      // Act
      const dynamoResources = JSON.stringify(
        statementsOf(name)
          // DescribeTable (the readiness check's) reads no item: it is pinned on its own below.
          .filter((statement) =>
            asArray(statement.Action).some((action: string) => action.startsWith('dynamodb:') && action !== 'dynamodb:DescribeTable'),
          )
          .map((statement) => statement.Resource),
      );

      // Assess: cross-stack references name the stateful table by its logical id.
      for (const table of Object.keys(tables) as TableName[]) {
        const granted = table in functions[name].tables;
        expect(dynamoResources.includes(`${tables[table].logicalId}Arn`), tables[table].logicalId).toBe(granted);
      }
    });

    it.each(functionNames)('%s describes every table only if it answers readiness (the readiness function)', (name) => {
      // CDK's read grants carry DescribeTable too; the readiness grant is the statement with nothing else.
      const describeOnly = statementsOf(name).filter((statement) => asArray(statement.Action).join() === 'dynamodb:DescribeTable');
      expect(describeOnly.length > 0).toBe(name === 'readiness');
      const described = JSON.stringify(describeOnly.map((statement) => statement.Resource));
      for (const table of Object.values(tables)) expect(described.includes(`${table.logicalId}Arn`)).toBe(name === 'readiness');
    });

    it.each(functionNames)('%s may write only to tables it is allowed to write', (name) => {
      // Act
      const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
      const writes = statementsOf(name).filter((statement) =>
        asArray(statement.Action).some((action: string) => writeActions.includes(action)),
      );

      // Assess
      const writable = Object.entries(functions[name].tables)
        .filter(([, access]) => access === 'readWrite' || access === 'append')
        .map(([table]) => tables[table as TableName].logicalId);
      const writtenResources = JSON.stringify(writes.map((statement) => statement.Resource));
      for (const table of Object.values(tables)) {
        const written = writtenResources.includes(`${table.logicalId}Arn`);
        expect(written, table.logicalId).toBe(writable.includes(table.logicalId));
      }
    });
  });

  describe('data key and storage key', () => {
    /** Statements on one key: cross-stack references name it by its logical id. */
    const onKey = (statements: Array<Record<string, any>>, logicalId: string) =>
      statements.filter((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Resource).includes(importedArn(logicalId)));
    /** Anything but reading the key's metadata (its state, rotation and policy) uses or manages the key. */
    const keyMetadataReads = ['kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:GetKeyPolicy'];
    const usesKey = (statement: Record<string, any>) =>
      asArray(statement.Action).some((action: string) => !keyMetadataReads.includes(action));
    /** `dynamodb.<region>.amazonaws.com`: the region named by the stack's environment, or the deploy-time one. */
    const viaServicePatterns = [
      /^"(dynamodb|sqs)\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com"$/,
      /^\{"Fn::Join":\["",\["(dynamodb|sqs)\.",\{"Ref":"AWS::Region"\},"\.amazonaws\.com"\]\]\}$/,
    ];
    const viaServiceOf = (statement: Record<string, any>) => {
      const value = JSON.stringify(statement.Condition?.StringEquals?.['kms:ViaService']);
      return viaServicePatterns.map((pattern) => pattern.exec(value)?.[1]).find(Boolean);
    };

    it.each(functionNames)('%s may seal and open personal data with the data key only if its definition says so', (name) => {
      // Act
      const onDataKey = onKey(statementsOf(name), dataKeyLogicalId).filter(usesKey);

      // Assess: the Encryption SDK asks for a data key and unwraps one, nothing else.
      if (functions[name].usesDataKey) {
        expect(onDataKey).toHaveLength(1);
        expect(asArray(onDataKey[0]?.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      } else expect(onDataKey).toEqual([]);
    });

    it('lets no role but those of the data-key functions use the data key', () => {
      // Act
      const holders = Object.entries(resourcesOfType(template, 'AWS::IAM::Policy'))
        .filter(([, policy]) => onKey(policy.Properties?.PolicyDocument.Statement, dataKeyLogicalId).some(usesKey))
        .flatMap(([, policy]) => policy.Properties?.Roles.map((role: { Ref: string }) => role.Ref) as string[]);

      // Assess
      const dataKeyFunctionRoles = functionNames
        .filter((name) => functions[name].usesDataKey)
        .map((name) => lambdaOf(name)[1].Properties?.Role['Fn::GetAtt'][0] as string);
      expect(dataKeyFunctionRoles.length).toBeGreaterThan(0);
      expect(holders.sort()).toEqual(dataKeyFunctionRoles.sort());
    });

    it.each(functionNames)('%s may use the storage key only through DynamoDB or SQS (kms:ViaService)', (name) => {
      // Act
      const onStorageKey = onKey(statementsOf(name), storageKeyLogicalId).filter(usesKey);

      // Assess: a function with tables reaches the key through DynamoDB; none can call KMS on it directly.
      const services = onStorageKey.map(viaServiceOf);
      expect(services.filter((service) => service !== 'dynamodb' && service !== 'sqs'), JSON.stringify(onStorageKey)).toEqual([]);
      if (Object.keys(functions[name].tables).length > 0) expect(services).toContain('dynamodb');
      for (const statement of onStorageKey) expect(Object.keys(statement.Condition)).toEqual(['StringEquals']);
    });

    it('lets no role of the stack use the storage key without kms:ViaService', () => {
      // Act
      const statements = onKey(policyStatements(template), storageKeyLogicalId).filter(usesKey);
      const unconditioned = statements.filter((statement) => viaServiceOf(statement) === undefined);

      // Assess
      expect(statements.length).toBeGreaterThan(0);
      expect(unconditioned).toEqual([]);
    });
  });

  describe('asynchronous invocations', () => {
    const invokers = asynchronouslyInvokedFunctions();
    const functionRules = (Object.values(eventRules) as EventRuleDefinition[]).flatMap((rule) => (rule.function ? [{ ...rule, function: rule.function }] : []));
    const invoked = Object.keys(invokers) as FunctionName[];
    const invokeConfigs = () => Object.values(resourcesOfType(template, 'AWS::Lambda::EventInvokeConfig'));
    const invokeConfigOf = (name: FunctionName) => {
      const found = invokeConfigs().filter((config) => config.Properties?.FunctionName.Ref === lambdaOf(name)[0]);
      expect(found).toHaveLength(1);
      return found[0]!.Properties!;
    };
    const onFailureQueueOf = (name: FunctionName): string =>
      invokeConfigOf(name).DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];

    it('are every function a job, an event rule or the SES feedback topic invokes, and only those have an invoke config', () => {
      // Assess: a rule that targets a queue invokes nothing; SNS invokes the feedback function.
      const expected = new Set<string>([
        ...Object.values(jobs).map((job) => job.function),
        ...functionRules.map((rule) => rule.function),
        'emailFeedback',
      ]);
      expect(invoked.sort()).toEqual([...expected].sort());
      expect(invokeConfigs()).toHaveLength(invoked.length);
    });

    it.each(invoked)('%s: Lambda retries a failed invocation twice, then sends it to its on-failure queue', (name) => {
      // Act
      const config = invokeConfigOf(name);

      // Assess
      expect(config).toMatchObject({
        Qualifier: '$LATEST',
        MaximumRetryAttempts: asyncRetryAttempts,
        MaximumEventAgeInSeconds: invokers[name]?.maxEventAgeSeconds,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
      });
      expect(asyncRetryAttempts).toBe(2);
    });

    it.each(Object.keys(jobs) as JobName[])('%s: a failed run is not retried longer than it is worth (a rate job: its next tick; Lambda allows 60 s at least)', (job) => {
      // Act
      const { MaximumEventAgeInSeconds } = invokeConfigOf(jobs[job].function);

      // Assess
      const intervalSeconds = runWorthMilliseconds(jobs[job].schedule) / 1000;
      expect(MaximumEventAgeInSeconds).toBeLessThanOrEqual(Math.max(intervalSeconds, 60));
    });

    it.each(functionRules)('$logicalId: its consumer keeps a failed event as long as Lambda allows, within the rule age', (rule) => {
      // Act
      const { MaximumEventAgeInSeconds } = invokeConfigOf(rule.function);

      // Assess
      expect(MaximumEventAgeInSeconds).toBe(Math.min(rule.maxEventAgeHours * 3600, 6 * 3600));
    });

    it.each(invoked)('%s: the on-failure queue is its own, encrypted with the storage key, TLS only, with an alarm', (name) => {
      // Act
      const queueId = onFailureQueueOf(name);
      const queue = resourcesOfType(template, 'AWS::SQS::Queue')[queueId];
      const otherQueues = invoked.filter((other) => other !== name).map(onFailureQueueOf);

      // Assess
      expect(otherQueues).not.toContain(queueId);
      expect(JSON.stringify(queue?.Properties?.KmsMasterKeyId)).toContain(importedArn(storageKeyLogicalId));
      expectSslOnlyAndAlarmed(template, queueId);
    });

    it.each(invoked)('%s may send to its on-failure queue', (name) => {
      // Act
      const sends = statementsOf(name).filter((statement) => asArray(statement.Action).includes('sqs:SendMessage'));

      // Assess
      expect(JSON.stringify(sends.map((statement) => statement.Resource))).toContain(
        JSON.stringify({ 'Fn::GetAtt': [onFailureQueueOf(name), 'Arn'] }),
      );
    });

    it.each(invoked)('%s: an alarm fires on its first error', (name) => {
      // Assess
      expectResourceProperties(template, 'AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaOf(name)[0] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
    });
  });

  describe('IAM', () => {
    it('grants no wildcard action, and no wildcard resource for DynamoDB, KMS or SQS', () => {
      // Act
      const statements = [...policyStatements(template), ...policyStatements(stateful)].filter(
        (statement) => statement.Effect === 'Allow',
      );

      // Assess
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        const actions = asArray(statement.Action) as string[];
        expect(actions.filter((action) => action === '*' || action.endsWith(':*'))).toEqual([]);
        if (actions.some((action) => /^(dynamodb|kms|sqs):/.test(action))) {
          expect(JSON.stringify(statement.Resource), JSON.stringify(statement)).not.toContain('*');
        }
      }
    });

    it('uses no AWS managed policy', () => {
      // Act
      const managedPolicies = Object.values(resourcesOfType(template, 'AWS::IAM::Role')).flatMap(
        (role) => role.Properties?.ManagedPolicyArns ?? [],
      );

      // Assess
      expect(managedPolicies).toEqual([]);
    });
  });

  it('alarms, to the on-call topic, when the hourly promise watch finds a promise turned from kept to not kept', () => {
    // Act
    const alarms = Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties?.MetricName === PROMISES_TURNED_NOT_KEPT_METRIC,
    );

    // Assess
    expect(alarms.map((alarm) => [alarm.Properties?.Dimensions, alarm.Properties?.AlarmActions?.length])).toEqual([
      [
        [
          { Name: 'function', Value: 'commitmentsWatch' },
          { Name: 'stage', Value: 'dev' },
        ],
        1,
      ],
    ]);
  });

  it('outputs what a client needs to call the API', () => {
    // Act
    const outputs = Object.keys(template.toJSON().Outputs ?? {});

    // Assess
    expect(outputs).toEqual(
      expect.arrayContaining([
        'ApiUrl',
        'UserPoolId',
        'UserPoolClientId',
        'Issuer',
        'TokenEndpoint',
        ...machineClientDefinitions.map((client) => `${client.logicalId}Id`),
      ]),
    );
  });

  it('outputs the token endpoint of the Cognito domain', () => {
    // Act
    const tokenEndpoint = JSON.stringify(template.toJSON().Outputs?.TokenEndpoint.Value);

    // Assess
    expect(tokenEndpoint).toMatch(/amazoncognito\.com\/oauth2\/token/);
    expect(tokenEndpoint).toContain('UserPoolDomain');
  });
});
