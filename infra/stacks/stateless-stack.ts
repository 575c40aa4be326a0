import {
  CfnOutput,
  type CfnResource,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  Validations,
  type StackProps,
} from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  OAuthScope,
  ResourceServerScope,
  UserPool,
  type UserPoolClient,
  type UserPoolDomain,
  UserPoolGroup,
  type IUserPool,
  type IUserPoolClient,
  type UserPoolResourceServer,
} from 'aws-cdk-lib/aws-cognito';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { QueueName } from '#infra/manifest.ts';
import { JobSchedule, jobConstructId } from '../constructs/job-schedule.ts';
// ---- event rules and the surveys alarm ----
import { EventRuleTarget } from '../constructs/event-rule.ts';
import { SurveyTargetAlarm } from '../constructs/survey-target-alarm.ts';
import { OutboxQuarantineAlarm } from '../constructs/outbox-quarantine-alarm.ts';
import { SecurityWatchAlarms } from '../constructs/security-watch-alarms.ts';
import { PrivacyRequests } from '../constructs/privacy-requests.ts';
import { PromiseAlarm } from '../constructs/promise-alarm.ts';
import { addAsyncInvocations, type AsyncInvocation } from '../constructs/async-invocation.ts';
import { eventRules, type EventRuleDefinition, type EventRuleName } from '#infra/manifest.ts';
import { NodeFunction } from '../constructs/node-function.ts';
import { createApiAuthorizers } from '../constructs/api-authorizer.ts';
import { ApiDistribution, originSecretExtension, routeFunctionNames } from '../constructs/api-distribution.ts';
import { grantReadinessChecks } from '../constructs/readiness-access.ts';
import { SecurityAuditAccess } from '../constructs/security-audit-access.ts';
import { SecurityEducationWiring } from '../constructs/security-education-wiring.ts';
import { SecurityAuditDeploymentAccess } from '../constructs/security-audit-deployment-access.ts';
import { SecurityAuditReaders } from '../constructs/security-audit-readers.ts';
import { wireSyntheticCheck } from '../constructs/synthetic-check-wiring.ts';
import { EmailDelivery } from '../constructs/email-delivery.ts';
import { applyPrivacyPolicyNotice } from '../constructs/privacy-policy-notice.ts';
import { TransparencyDatabaseAccess, transparencyDatabaseSubmitter } from '../constructs/transparency-database-access.ts';
import {
  functions,
  jobs,
  machineClients,
  resourceServer as resourceServerDefinition,
  userPools,
  routes,
  type FunctionName,
  type JobName,
  type ScopeName,
  type TableName,
} from '#infra/manifest.ts';
import type { StageSettings } from './deploy-stage.ts';
import { mapValues } from './map-values.ts';

export interface StatelessStackProps extends StackProps {
  settings: StageSettings;
  dataKey: IKey;
  /** Encrypts the tables and queues at rest, and the on-failure queues of asynchronous invocations. */
  storageKey: IKey;
  pseudonymKey: IKey;
  eventBus: IEventBus;
  tables: Record<TableName, ITable>;
  /** The queues (stateful stack): consumers get event source mappings, senders SendMessage, event rules may target them. */
  queues: Record<QueueName, IQueue>;
  /** Repository root, where the function entries and package-lock.json live. */
  projectRoot: string;
  /** The staff's user pool (stateful stack) and the clients whose tokens the API accepts. */
  staffIdentities: { userPool: IUserPool; clients: readonly IUserPoolClient[] };
  /** Browser origins allowed by CORS; bearer tokens (not cookies) make `*` safe. */
  corsAllowOrigins?: string[];
  /** The WAF web ACL of the API's CloudFront distribution (edge stack, us-east-1). */
  webAclArn: string;
}

/**
 * Headers a browser may send cross-origin: Idempotency-Key makes POST retries safe,
 * X-Access-Reason is why staff read someone's data, and X-Follow-Up-Token lets notifiers
 * without an account follow their notice from a web page.
 */
const corsAllowHeaders = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Access-Reason', 'X-Follow-Up-Token'];
/** Response headers browser code may read: where a new resource is, and when to retry after 429. */
const corsExposeHeaders = ['Location', 'Retry-After'];
/** Stable logical id: the user pool holds every account, replacing it would lose them. */
export const userPoolLogicalId = 'UserPool';

type MachineClientName = keyof typeof machineClients;

/**
 * The API's address (HTTP API, CloudFront), identities, functions and schedules: replaceable at
 * will, the data lives in the stateful stack. The API's routes and stage are in the API stack
 * (api-stack.ts), which builds on this one.
 */
export class StatelessStack extends Stack {
  public readonly userPool: UserPool;
  public readonly userPoolClient: UserPoolClient;
  /** The Cognito domain whose /oauth2/token endpoint machine clients call (client credentials). */
  public readonly userPoolDomain: UserPoolDomain;
  public readonly machineClients: Record<MachineClientName, UserPoolClient>;
  public readonly api: HttpApi;
  /** Where the API stack's stage writes its access log. */
  public readonly apiAccessLogs: LogGroup;
  /** The Lambda authorizers the API stack's routes use: people's and staff routes, machine routes. */
  public readonly apiAuthorizers: { person: IHttpRouteAuthorizer; machine: IHttpRouteAuthorizer };
  /** CloudFront with the WAF: the API's public address (its own endpoint refuses requests without the origin header). */
  public readonly apiDistribution: ApiDistribution;
  public readonly functions: Record<FunctionName, NodeFunction>;
  public readonly jobs: Record<JobName, JobSchedule>;
  /** Subscriptions to domain events (infra/manifest.ts `eventRules`). */
  public readonly eventRules: Record<EventRuleName, EventRuleTarget>;
  /** Retries, on-failure queue and alarms of every function a job, an event rule or the SES feedback topic invokes. */
  public readonly asyncInvocations: Partial<Record<FunctionName, AsyncInvocation>>;
  /** Email through SES v2: the configuration set and its delivery feedback (bounces, complaints) through SNS. */
  public readonly emailDelivery: EmailDelivery;
  private readonly settings: StageSettings;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Strong references (Fn::ImportValue): the stateful stack cannot be deleted while this one uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.settings = props.settings;

    this.userPool = this.createUserPool();
    this.userPoolClient = this.createPlatformClient();
    const issuer = `https://${this.userPool.userPoolProviderUrl}`;
    this.userPoolDomain = this.userPool.addDomain('Domain', {
      // Prefix domains are unique per region across all accounts: the account id makes ours unique.
      cognitoDomain: { domainPrefix: `user-protection-${this.settings.stage}-${this.account}` },
    });
    this.machineClients = this.createMachineClients();

    this.functions = this.createFunctions(props);
    grantReadinessChecks(this.functions.readiness.function, {
      tables: props.tables,
      queues: props.queues,
      keys: { data: props.dataKey, pseudonym: props.pseudonymKey },
    });
    new TransparencyDatabaseAccess(this, 'TransparencyDatabaseAccess', { target: this.functions[transparencyDatabaseSubmitter].function, settings: this.settings });
    applyPrivacyPolicyNotice(this, this.functions.transparency.function);
    this.jobs = mapValues(
      jobs,
      (definition, name) =>
        new JobSchedule(this, `${jobConstructId(name)}Job`, {
          name,
          definition,
          target: this.functions[definition.function].function,
          settings: this.settings,
        }),
    );
    // ---- event rules and the surveys alarm ----
    this.eventRules = this.createEventRules(props);
    new SurveyTargetAlarm(this, 'SurveyTargetAlarm', { logGroup: this.functions.surveyCampaign.logGroup, settings: this.settings });
    new SecurityWatchAlarms(this, 'SecurityWatchAlarms', { settings: this.settings });
    new PrivacyRequests(this, 'PrivacyRequests', { settings: this.settings, functions: [this.functions.privacy.function, this.functions.privacyRequests.function] });
    new PromiseAlarm(this, 'PromiseAlarm', { settings: this.settings });
    new OutboxQuarantineAlarm(this, 'OutboxQuarantineAlarm', { functionNames: ['slaSweep', 'moderationOutboxRelay', 'surveyCampaign', 'transparencyOutboxRelay'], settings: this.settings });
    this.asyncInvocations = addAsyncInvocations(this, { functions: this.functions, storageKey: props.storageKey, settings: this.settings });

    this.api = this.createApi(props.corsAllowOrigins);
    this.apiAccessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: this.settings.logRetention,
      removalPolicy: this.settings.logRemovalPolicy,
    });
    // The authorizer checks `client_id` of access tokens against these lists: users', machines' and the staff console's.
    this.apiAuthorizers = createApiAuthorizers({
      handler: this.functions.authorizer.function,
      people: { userPool: this.userPool, clients: [this.userPoolClient, ...Object.values(this.machineClients)] },
      staff: props.staffIdentities,
      routes,
    });
    this.grantSecurityAuditReads(props);
    this.apiDistribution = this.protectApi(props.webAclArn);
    wireSyntheticCheck(this.functions.syntheticCheck.function, {
      baseUrl: `https://${this.apiDistribution.distribution.distributionDomainName}/`,
      tokenUrl: `${this.userPoolDomain.baseUrl()}/oauth2/token`,
      client: this.machineClients.syntheticMonitor,
      userPool: this.userPool,
    });
    this.emailDelivery = this.createEmailDelivery(props);
    this.wireSecurityEducation(props);
    this.addOutputs(issuer);
    new CfnOutput(this, 'StaffUserPoolId', { value: props.staffIdentities.userPool.userPoolId });
    new CfnOutput(this, 'StaffConsoleClientIds', { value: props.staffIdentities.clients.map((client) => client.userPoolClientId).join(',') });
  }

  /** The education job's directory access (the staff groups) and the alarm on an overdue quarter. */
  private wireSecurityEducation(props: StatelessStackProps): SecurityEducationWiring {
    return new SecurityEducationWiring(this, 'SecurityEducation', {
      job: this.functions.securityEducationJob.function,
      userPools: { people: this.userPool, staff: props.staffIdentities.userPool },
      settings: this.settings,
    });
  }

  /**
   * What the security audit reads, and only reads: every table and queue of the stack (describe);
   * its deployment reader, the functions, their roles, the API, the schedules and the rules; its
   * keys and findings reader, the keys (describe) and Security Hub's findings.
   */
  private grantSecurityAuditReads(props: StatelessStackProps): void {
    const keys = { data: props.dataKey, storage: props.storageKey, pseudonym: props.pseudonymKey };
    new SecurityAuditAccess(this, 'SecurityAuditAccess', {
      target: this.functions.securityAudit.function,
      tables: props.tables,
      queues: props.queues,
      keys,
    });
    new SecurityAuditDeploymentAccess(this, 'SecurityAuditDeploymentAccess', {
      target: this.functions.securityAuditDeploymentReader.function,
      functions: this.functions,
      api: this.api,
      eventBus: props.eventBus,
      schedules: Object.values(this.jobs).map((job) => job.schedule),
      rules: Object.values(this.eventRules).map((eventRule) => eventRule.rule),
    });
    new SecurityAuditReaders(this, 'SecurityAuditReaders', {
      audit: this.functions.securityAudit.function,
      deploymentReader: this.functions.securityAuditDeploymentReader.function,
      keysAndFindingsReader: this.functions.securityAuditKeysAndFindingsReader.function,
      keys: Object.values(keys),
    });
  }

  /** One rule per definition, invoking its function or sending to its queue (stateful stack). */
  private createEventRules(props: StatelessStackProps): Record<EventRuleName, EventRuleTarget> {
    const definitions: Record<EventRuleName, EventRuleDefinition> = eventRules;
    return mapValues(
      definitions,
      (definition, name) =>
        new EventRuleTarget(this, definition.logicalId, {
          name,
          definition,
          eventBus: props.eventBus,
          target: definition.function ? { function: this.functions[definition.function].function } : { queue: props.queues[definition.queue] },
          settings: this.settings,
        }),
    );
  }

  /** SES: the configuration set, its feedback topic and the emailFeedback subscriber, the sender's grants and environment. */
  private createEmailDelivery(props: StatelessStackProps): EmailDelivery {
    return new EmailDelivery(this, 'EmailDelivery', {
      settings: this.settings,
      sender: this.functions.notificationSender.function,
      api: this.functions.notifications.function,
      feedback: this.functions.emailFeedback.function,
      userPools: { people: this.userPool, staff: props.staffIdentities.userPool },
      // Unsubscribe links point at CloudFront unless `-c publicBaseUrl` names another address.
      defaultPublicBaseUrl: `https://${this.apiDistribution.distribution.distributionDomainName}`,
    });
  }

  /** CloudFront with the WAF in front of the API (the functions check its origin header). */
  private protectApi(webAclArn: string): ApiDistribution {
    return new ApiDistribution(this, 'ApiDistribution', {
      api: this.api,
      webAclArn,
      routeFunctions: [...routeFunctionNames].map((name) => this.functions[name].function),
      settings: this.settings,
    });
  }

  /** The platform's own client: users sign in with SRP, no client secret (it runs in browsers and apps). */
  private createPlatformClient(): UserPoolClient {
    return this.userPool.addClient('PlatformClient', {
      generateSecret: false,
      authFlows: { userSrp: true },
      // The platform signs users in with SRP; without this, CDK would enable the hosted UI's
      // implicit and code grants (to https://example.com) now that the pool has a domain.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }

  /** The HTTP API, without a stage (the API stack adds it with its routes, access logs and throttling). */
  private createApi(corsAllowOrigins: string[] | undefined): HttpApi {
    return new HttpApi(this, 'HttpApi', {
      apiName: `user-protection-${this.settings.stage}`,
      description: `User protection API (${this.settings.stage})`,
      createDefaultStage: false,
      corsPreflight: {
        allowHeaders: corsAllowHeaders,
        exposeHeaders: corsExposeHeaders,
        allowMethods: [...new Set(routes.map((route) => CorsHttpMethod[route.method]))],
        allowOrigins: corsAllowOrigins ?? ['*'],
        maxAge: Duration.hours(1),
      },
    });
  }

  /** What a client needs to call the API: its URL, the user pool and its clients, the issuer and the token endpoint. */
  private addOutputs(issuer: string): void {
    new CfnOutput(this, 'ApiUrl', { value: `https://${this.apiDistribution.distribution.distributionDomainName}/` });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'Issuer', { value: issuer });
    new CfnOutput(this, 'TokenEndpoint', { value: `${this.userPoolDomain.baseUrl()}/oauth2/token` });
    for (const [name, client] of Object.entries(this.machineClients)) {
      new CfnOutput(this, `${machineClients[name as MachineClientName].logicalId}Id`, {
        value: client.userPoolClientId,
        description: `Client id of ${machineClients[name as MachineClientName].purpose}`,
      });
    }
  }

  /**
   * Trusted integrations authenticate as themselves (OAuth client credentials, with a secret)
   * and get only the scopes of their definition; they cannot sign users in.
   */
  private createMachineClients(): Record<MachineClientName, UserPoolClient> {
    const scopes = Object.fromEntries(
      Object.entries(resourceServerDefinition.scopes).map(([scopeName, scopeDescription]) => [
        scopeName,
        new ResourceServerScope({ scopeName, scopeDescription }),
      ]),
    ) as Record<ScopeName, ResourceServerScope>;
    const server: UserPoolResourceServer = this.userPool.addResourceServer(resourceServerDefinition.logicalId, {
      identifier: resourceServerDefinition.identifier,
      userPoolResourceServerName: 'User protection API',
      scopes: Object.values(scopes),
    });
    return mapValues(machineClients, (definition) =>
      this.userPool.addClient(definition.logicalId, {
        userPoolClientName: definition.localClientId,
        generateSecret: true,
        // No sign-in flow: naming one (off) makes CDK write ExplicitAuthFlows as refresh-only,
        // instead of leaving Cognito's default (SRP and custom auth) in place.
        authFlows: { userSrp: false },
        oAuth: {
          flows: { clientCredentials: true },
          scopes: definition.scopes.map((scope) => OAuthScope.resourceServer(server, scopes[scope])),
        },
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
        accessTokenValidity: Duration.hours(1),
      }),
    );
  }

  /**
   * The platform's users register themselves (a verified email); a user in no group has the role
   * `user`. Trusted flaggers are a group that only an administrator can assign (AdminAddUserToGroup),
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
          'MFA is optional (TOTP, no SMS) so that people filing complaints are not locked out of the complaint channel; staff accounts live in their own pool, where MFA is required (infra/constructs/staff-user-pool.ts).',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'Threat protection needs the Plus feature plan, billed per monthly active user; Essentials is a deliberate cost decision for the accounts of the public; the staff pool has threat protection in prod.',
      },
    );
    // One group per role: the access token carries them in `cognito:groups`.
    userPools.people.roles.forEach((role) => {
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
          queues: props.queues,
          dataKey: props.dataKey,
          pseudonymKey: props.pseudonymKey,
          eventBus: props.eventBus,
          projectRoot: props.projectRoot,
          ...((routeFunctionNames.has(name) || name === transparencyDatabaseSubmitter) && { paramsAndSecrets: originSecretExtension }),
        }),
    );
  }
}
