import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  commonEnv,
  eventBus,
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
  type FunctionDefinition,
  type FunctionName,
  type JobName,
  type TableName,
} from '#infra/manifest.ts';
import { jobRetryAttempts } from '../../infra/constructs/job-schedule.ts';
import { pseudonymKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { userPoolLogicalId } from '../../infra/stacks/stateless-stack.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

const functionNames = Object.keys(functions) as FunctionName[];
const jobNames = Object.keys(jobs) as JobName[];
const machineClientDefinitions = Object.values(machineClients);
/** How a cross-stack reference to a stateful resource's ARN appears in this template. */
const importedArn = (logicalId: string) => `${logicalId}Arn`;

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

describe('stateless stack (dev)', () => {
  let template: Template;
  let stateful: Template;
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
    lambdas = resourcesOfType(template, 'AWS::Lambda::Function');
  });

  describe('routes', () => {
    const jwtRoutes = routes.filter((route) => route.caller !== 'public');
    const publicRoutes = routes.filter((route) => route.caller === 'public');
    const routeResource = (key: string) =>
      Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).find(
        (route) => route.Properties?.RouteKey === key,
      );

    it('are exactly the route definitions', () => {
      // Act
      const routeKeys = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route')).map(
        (route) => route.Properties?.RouteKey,
      );

      // Assess
      expect(routeKeys.sort()).toEqual(routes.map(routeKey).sort());
    });

    it.each(jwtRoutes.map(routeKey))('%s requires a JWT from the user pool', (key) => {
      // Act
      const route = routeResource(key);

      // Assess
      const [authorizerId] = Object.keys(resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer'));
      expect(route?.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
    });

    it.each(routes.map(routeKey))('%s: the authorizer requires exactly the scopes of its definition', (key) => {
      // Act
      const route = routeResource(key);

      // Assess: API Gateway answers 403 to a token with none of them (user tokens carry none).
      const definition = routes.find((candidate) => routeKey(candidate) === key);
      expect(route?.Properties?.AuthorizationScopes).toEqual(definition?.scopes?.map(fullScope));
    });

    it('require a machine-client scope on the channel intake route', () => {
      // Act
      const route = routeResource('POST /v1/channels/{channel}/complaints');

      // Assess
      expect(route?.Properties?.AuthorizationScopes).toEqual([
        'user-protection/complaints.intake.social',
        'user-protection/complaints.intake.email',
        'user-protection/complaints.intake.phone',
      ]);
    });

    it('have an authorizer on every route that is not public by definition', () => {
      // Act
      const unauthorised = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'))
        .filter((route) => route.Properties?.AuthorizationType !== 'JWT' || !route.Properties?.AuthorizerId)
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
        const integration = resourcesOfType(template, 'AWS::ApiGatewayV2::Integration')[integrationId];

        // Assess
        expect(integration?.Properties).toMatchObject({
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
          IntegrationUri: { 'Fn::GetAtt': [lambdaOf(functionName)[0], 'Arn'] },
        });
      },
    );
  });

  describe('JWT authorizer', () => {
    it('trusts only the user pool as issuer, and its clients (platform and machines) as audience', () => {
      // Act
      const authorizers = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer'));
      const clientIds = Object.keys(resourcesOfType(template, 'AWS::Cognito::UserPoolClient'));

      // Assess
      expect(authorizers).toHaveLength(1);
      expect(authorizers[0]?.Properties).toMatchObject({
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Issuer: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [userPoolLogicalId, 'ProviderURL'] }]] },
        },
      });
      const audience = authorizers[0]?.Properties?.JwtConfiguration.Audience as Array<{ Ref: string }>;
      expect(audience.map((client) => client.Ref).sort()).toEqual(clientIds.sort());
      expect(clientIds).toHaveLength(1 + machineClientDefinitions.length);
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

    it('has one group per role', () => {
      // Act
      const groups = Object.values(resourcesOfType(template, 'AWS::Cognito::UserPoolGroup')).map(
        (group) => group.Properties?.GroupName,
      );

      // Assess
      expect(groups.sort()).toEqual([...roles].sort());
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
      for (const statement of onPseudonymKey) expect(asArray(statement.Action)).toEqual(['kms:GenerateMac']);
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
      const [stage] = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Stage'));
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
      const logGroupId = stage?.Properties?.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
      expect(resourcesOfType(template, 'AWS::Logs::LogGroup')[logGroupId]?.Properties?.RetentionInDays).toBe(30);
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
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
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
          .filter((statement) => asArray(statement.Action).some((action: string) => action.startsWith('dynamodb:')))
          .map((statement) => statement.Resource),
      );

      // Assess: cross-stack references name the stateful table by its logical id.
      for (const table of Object.keys(tables) as TableName[]) {
        const granted = table in functions[name].tables;
        expect(dynamoResources.includes(`${tables[table].logicalId}Arn`), tables[table].logicalId).toBe(granted);
      }
    });

    it.each(functionNames)('%s may write only to tables it is allowed to write', (name) => {
      // Act
      const writeActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
      const writes = statementsOf(name).filter((statement) =>
        asArray(statement.Action).some((action: string) => writeActions.includes(action)),
      );

      // Assess
      const writable = Object.entries(functions[name].tables)
        .filter(([, access]) => access === 'readWrite')
        .map(([table]) => tables[table as TableName].logicalId);
      const writtenResources = JSON.stringify(writes.map((statement) => statement.Resource));
      for (const table of Object.values(tables)) {
        const written = writtenResources.includes(`${table.logicalId}Arn`);
        expect(written, table.logicalId).toBe(writable.includes(table.logicalId));
      }
    });

    it.each(functionNames)('%s may generate and decrypt data keys only if its definition says so', (name) => {
      // Act
      const kmsActions = statementsOf(name).flatMap((statement) =>
        asArray(statement.Action).filter((action: string) => action.startsWith('kms:')),
      );

      // Assess: the tables' encryption (same key) grants `kms:GenerateDataKey*` among its actions;
      // only the data key's own grant names `kms:GenerateDataKey`.
      if (functions[name].usesDataKey) {
        expect(kmsActions).toEqual(expect.arrayContaining(['kms:GenerateDataKey', 'kms:Decrypt']));
      } else if (Object.keys(functions[name].tables).length === 0) expect(kmsActions).toEqual([]);
      else expect(kmsActions).not.toContain('kms:GenerateDataKey');
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
