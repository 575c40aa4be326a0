import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, eventRules, functions, queues, type FunctionName } from '#infra/manifest.ts';
import { notificationsEnv } from '#shared/notifications/config.ts';
import { notifiedEvents, SUPERVISORS_GROUP } from '#shared/notifications/manifest.ts';
import { placeholderSendingDomain } from '../../infra/constructs/email-delivery.ts';
import { queueRuleName } from '../../infra/constructs/event-rule.ts';
import { storageKeyLogicalId } from '../../infra/stacks/stateful-stack.ts';
import { addUserProtection } from '../../infra/stacks/user-protection.ts';
import { expectResourceProperties, newApp, projectRoot, resourcesOfType, synthUserProtection, testEnv, type TemplateResource } from './synth-app.ts';

/**
 * The AWS side of notifications: the rule that routes domain events into the notifications queue
 * (and what the stateful stack lets it do), SES's configuration set with its feedback topic and
 * subscriber, and the sender's SES and Cognito permissions.
 */

type Statement = Record<string, any>;
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const rule = eventRules.notificationEvents;
const notificationsQueueId = queues.notifications.logicalId;
const feedbackEventTypes = ['bounce', 'complaint', 'delivery', 'reject', 'renderingFailure'];

function lambdaIdOf(template: Template, name: FunctionName): string {
  const found = Object.entries(resourcesOfType(template, 'AWS::Lambda::Function')).find(
    ([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
  );
  if (!found) throw new Error(`no function for ${name}`);
  return found[0];
}

/** Allow statements of the identity policies attached to a function's role. */
function statementsOf(template: Template, name: FunctionName): Statement[] {
  const roleId = resourcesOfType(template, 'AWS::Lambda::Function')[lambdaIdOf(template, name)]?.Properties?.Role['Fn::GetAtt'][0];
  return Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
    .filter((policy) => policy.Properties?.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Statement[])
    .filter((statement) => statement.Effect === 'Allow');
}

const withActions = (statements: Statement[], prefix: string) =>
  statements.filter((statement) => asArray(statement.Action).some((action: string) => action.startsWith(prefix)));

const environmentOf = (template: Template, name: FunctionName): Record<string, unknown> =>
  resourcesOfType(template, 'AWS::Lambda::Function')[lambdaIdOf(template, name)]?.Properties?.Environment.Variables;

const onlyResource = (template: Template, type: string): [string, TemplateResource] => {
  const found = Object.entries(resourcesOfType(template, type));
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('notifications in AWS (dev, no email context)', () => {
  let stateless: Template;
  let stateful: Template;

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    ({ stateless, stateful } = synthUserProtection('dev'));
  });

  describe('the notificationEvents rule', () => {
    const ruleResource = () =>
      Object.values(resourcesOfType(stateless, 'AWS::Events::Rule')).find((resource) => resource.Properties?.Name === queueRuleName('dev', rule));

    it('routes exactly the notified events of the domain bus to the notifications queue, with retries and an alarmed dead-letter queue', () => {
      // Act
      const properties = ruleResource()?.Properties;
      const [target] = properties?.Targets ?? [];

      // Assess
      expect(properties?.EventPattern).toEqual({ source: Object.keys(notifiedEvents), 'detail-type': Object.values(notifiedEvents).flat() });
      expect(properties?.EventBusName['Fn::ImportValue']).toMatch(/DomainEventBus/);
      expect(JSON.stringify(target.Arn)).toContain(`FnGetAtt${notificationsQueueId}Arn`);
      expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: rule.retryAttempts, MaximumEventAgeInSeconds: rule.maxEventAgeHours * 3600 });
      expect(target.RoleArn).toBeUndefined();
      const dlqId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
      expect(resourcesOfType(stateless, 'AWS::SQS::Queue')[dlqId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
      expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 0,
      });
    });

    it('invokes no function, so the queue consumer gets no asynchronous invocation config', () => {
      // Act
      const invokeConfigs = Object.values(resourcesOfType(stateless, 'AWS::Lambda::EventInvokeConfig'));

      // Assess
      const senderId = lambdaIdOf(stateless, 'notificationSender');
      expect(invokeConfigs.filter((config) => config.Properties?.FunctionName.Ref === senderId)).toEqual([]);
    });

    /** `arn:<partition>:events:<region>:<account>:rule/<the bus>/<the rule's fixed name>`, as the stateful stack writes it. */
    const expectRuleArn = (arn: unknown) => {
      const text = JSON.stringify(arn);
      expect(text).toContain(':events:eu-central-1:');
      expect(text).toContain('{"Ref":"DomainEventBus"}');
      expect(text).toContain(`"/${queueRuleName('dev', rule)}"`);
    };

    it("is admitted by the notifications queue's policy, for this rule and account only", () => {
      // Act
      const policies = Object.values(resourcesOfType(stateful, 'AWS::SQS::QueuePolicy')).filter((policy) =>
        JSON.stringify(policy.Properties?.Queues) === JSON.stringify([{ Ref: notificationsQueueId }]),
      );
      const admits = policies
        .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Statement[])
        .filter((statement) => statement.Principal?.Service === 'events.amazonaws.com');

      // Assess
      expect(admits).toHaveLength(1);
      expect(admits[0]).toMatchObject({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [notificationsQueueId, 'Arn'] } });
      expect(admits[0]?.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
      expectRuleArn(admits[0]?.Condition.ArnEquals['aws:SourceArn']);
    });

    it('may use the storage key to send to the queue, for this rule and account only', () => {
      // Act
      const keyPolicy = resourcesOfType(stateful, 'AWS::KMS::Key')[storageKeyLogicalId]?.Properties?.KeyPolicy;
      const admits = (keyPolicy.Statement as Statement[]).filter((statement) => statement.Principal?.Service === 'events.amazonaws.com');

      // Assess
      expect(admits).toHaveLength(1);
      expect(asArray(admits[0]?.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(admits[0]?.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
      expectRuleArn(admits[0]?.Condition.ArnEquals['aws:SourceArn']);
      expect(JSON.stringify(stateful.toJSON().Resources[notificationsQueueId].Properties.KmsMasterKeyId)).toContain(storageKeyLogicalId);
    });
  });

  describe('SES', () => {
    it('sends with a configuration set: reputation metrics, TLS required, no SES-level suppression (the platform keeps its own list)', () => {
      // Act
      const [, configurationSet] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');

      // Assess
      expect(configurationSet.Properties).toMatchObject({
        ReputationOptions: { ReputationMetricsEnabled: true },
        DeliveryOptions: { TlsPolicy: 'REQUIRE' },
        SuppressionOptions: { SuppressedReasons: [] },
      });
    });

    it("publishes bounces, complaints, deliveries, rejections and rendering failures of that set to the feedback topic", () => {
      // Act
      const [configurationSetId] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');
      const [topicId] = onlyResource(stateless, 'AWS::SNS::Topic');
      const [, destination] = onlyResource(stateless, 'AWS::SES::ConfigurationSetEventDestination');

      // Assess
      expect(destination.Properties?.ConfigurationSetName).toEqual({ Ref: configurationSetId });
      expect(destination.Properties?.EventDestination).toMatchObject({ Enabled: true, SnsDestination: { TopicARN: { Ref: topicId } } });
      expect([...(destination.Properties?.EventDestination.MatchingEventTypes ?? [])].sort()).toEqual([...feedbackEventTypes].sort());
    });

    it('encrypts the topic with a rotated key of its own, refuses plain HTTP, and lets SES publish as that configuration set only', () => {
      // Act
      const [configurationSetId] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');
      const [topicId, topic] = onlyResource(stateless, 'AWS::SNS::Topic');
      const keyId = topic.Properties?.KmsMasterKeyId['Fn::GetAtt'][0];
      const [, topicPolicy] = onlyResource(stateless, 'AWS::SNS::TopicPolicy');
      const statements = topicPolicy.Properties?.PolicyDocument.Statement as Statement[];

      // Assess
      expect(resourcesOfType(stateless, 'AWS::KMS::Key')[keyId]?.Properties).toMatchObject({ EnableKeyRotation: true });
      expect(topicPolicy.Properties?.Topics).toEqual([{ Ref: topicId }]);
      expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
      const sesPublish = statements.find((statement) => statement.Principal?.Service === 'ses.amazonaws.com');
      expect(sesPublish).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish' });
      expect(JSON.stringify(sesPublish?.Condition.StringEquals['AWS:SourceArn'])).toContain(`:configuration-set/",{"Ref":"${configurationSetId}"}`);
    });

    it("lets SES use the topic's key only as this configuration set, for this topic, and SNS only as this topic", () => {
      // Act
      const [configurationSetId] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');
      const [, topic] = onlyResource(stateless, 'AWS::SNS::Topic');
      const keyId = topic.Properties?.KmsMasterKeyId['Fn::GetAtt'][0];
      const statements = resourcesOfType(stateless, 'AWS::KMS::Key')[keyId]?.Properties?.KeyPolicy.Statement as Statement[];
      const byService = (service: string) => statements.filter((statement) => statement.Principal?.Service === service);
      const topicArn = `:${topic.Properties?.TopicName}`;

      // Assess
      const [ses] = byService('ses.amazonaws.com');
      expect(byService('ses.amazonaws.com')).toHaveLength(1);
      expect(asArray(ses?.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(JSON.stringify(ses?.Condition.ArnEquals['aws:SourceArn'])).toContain(`:configuration-set/",{"Ref":"${configurationSetId}"}`);
      expect(ses?.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
      expect(JSON.stringify(ses?.Condition.StringEquals['kms:EncryptionContext:aws:sns:topicArn'])).toContain(topicArn);
      const [sns] = byService('sns.amazonaws.com');
      expect(byService('sns.amazonaws.com')).toHaveLength(1);
      expect(asArray(sns?.Action).sort()).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      expect(JSON.stringify(sns?.Condition.ArnEquals['aws:SourceArn'])).toContain(topicArn);
      expect(statements.filter((statement) => statement.Principal?.Service)).toHaveLength(2);
    });
  });

  describe('the emailFeedback subscriber', () => {
    it('is subscribed to the topic with a dead-letter queue encrypted with the topic key, that SNS may send to, with an alarm', () => {
      // Act
      const [topicId, topic] = onlyResource(stateless, 'AWS::SNS::Topic');
      const [, subscription] = onlyResource(stateless, 'AWS::SNS::Subscription');
      const dlqId = subscription.Properties?.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];

      // Assess
      expect(subscription.Properties).toMatchObject({
        Protocol: 'lambda',
        TopicArn: { Ref: topicId },
        Endpoint: { 'Fn::GetAtt': [lambdaIdOf(stateless, 'emailFeedback'), 'Arn'] },
      });
      expect(resourcesOfType(stateless, 'AWS::SQS::Queue')[dlqId]?.Properties?.KmsMasterKeyId).toEqual(topic.Properties?.KmsMasterKeyId);
      expectResourceProperties(stateless, 'AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: dlqId }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({ Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topicId } } } }),
          ]),
        },
      });
      expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
        Threshold: 0,
      });
      expectResourceProperties(stateless, 'AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'sns.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [lambdaIdOf(stateless, 'emailFeedback'), 'Arn'] },
        SourceArn: { Ref: topicId },
      });
    });

    it('is invoked asynchronously: an on-failure queue and an alarm on its first error, like the functions of jobs and rules', () => {
      // Act
      const feedbackId = lambdaIdOf(stateless, 'emailFeedback');
      const configs = Object.values(resourcesOfType(stateless, 'AWS::Lambda::EventInvokeConfig')).filter(
        (config) => config.Properties?.FunctionName.Ref === feedbackId,
      );

      // Assess
      expect(configs).toHaveLength(1);
      expect(configs[0]?.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 6 * 3600,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
      });
      expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: feedbackId } }],
        Threshold: 0,
      });
    });
  });

  describe("the sender's permissions", () => {
    const functionNames = Object.keys(functions) as FunctionName[];

    it('may call ses:SendEmail on the sending identity and the configuration set, and nothing else of SES', () => {
      // Act
      const [configurationSetId] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');
      const ses = withActions(statementsOf(stateless, 'notificationSender'), 'ses:');

      // Assess
      expect(ses).toHaveLength(1);
      expect(ses[0]?.Action).toBe('ses:SendEmail');
      const resources = asArray(ses[0]?.Resource).map((resource) => JSON.stringify(resource));
      expect(resources).toHaveLength(2);
      expect(resources.filter((arn) => arn.includes(`:configuration-set/",{"Ref":"${configurationSetId}"}`))).toHaveLength(1);
      expect(resources.filter((arn) => arn.includes(`:identity/${placeholderSendingDomain}"`))).toHaveLength(1);
      for (const name of functionNames.filter((other) => other !== 'notificationSender')) {
        expect(withActions(statementsOf(stateless, name), 'ses:'), name).toEqual([]);
      }
    });

    it('reads people from both pools by subject and lists the members of a staff group, no more', () => {
      // Act
      const cognito = withActions(statementsOf(stateless, 'notificationSender'), 'cognito-idp:');
      const onPools = (statement: Statement | undefined) => asArray(statement?.Resource).map((resource) => JSON.stringify(resource));
      const lookUp = cognito.find((statement) => asArray(statement.Action).includes('cognito-idp:AdminGetUser'));
      const groups = cognito.find((statement) => asArray(statement.Action).includes('cognito-idp:ListUsersInGroup'));

      // Assess
      expect(cognito).toHaveLength(2);
      expect(asArray(lookUp?.Action).sort()).toEqual(['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers']);
      expect(onPools(lookUp)).toEqual([JSON.stringify({ 'Fn::GetAtt': ['UserPool', 'Arn'] }), expect.stringContaining('StaffUserPoolArn')]);
      expect(asArray(groups?.Action)).toEqual(['cognito-idp:ListUsersInGroup']);
      expect(onPools(groups)).toEqual([expect.stringContaining('StaffUserPoolArn')]);
      const directoryActions = ['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers', 'cognito-idp:ListUsersInGroup'];
      for (const name of functionNames.filter((other) => other !== 'notificationSender')) {
        const actions = withActions(statementsOf(stateless, name), 'cognito-idp:').flatMap((statement) => asArray(statement.Action));
        // The security education job counts the staff groups' members (a staff audience's size): that list only.
        const allowed = name === 'securityEducationJob' ? ['cognito-idp:ListUsersInGroup'] : [];
        expect(actions.filter((action) => directoryActions.includes(action)), name).toEqual(allowed);
      }
    });

    it('receives every value of notificationsEnv but the local directory file, with the defaults of a stage without email context', () => {
      // Act
      const [configurationSetId] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');
      const environment = environmentOf(stateless, 'notificationSender');

      // Assess
      const { localUserDirectoryFile, ...inAws } = notificationsEnv;
      for (const variable of Object.values(inAws)) expect(environment, variable).toHaveProperty(variable);
      expect(environment).not.toHaveProperty(localUserDirectoryFile);
      expect(environment).toMatchObject({
        [notificationsEnv.fromAddress]: `notifications@${placeholderSendingDomain}`,
        [notificationsEnv.configurationSet]: { Ref: configurationSetId },
        [notificationsEnv.defaultLocale]: 'en',
        [notificationsEnv.peoplePoolId]: { Ref: 'UserPool' },
        [notificationsEnv.publicApiBaseUrl]: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^ApiDistribution/), 'DomainName'] }]] },
      });
      expect(JSON.stringify(environment[notificationsEnv.staffPoolId])).toContain('StaffUserPool');
    });

    it("gives the notifications API the public base URL of its previews' unsubscribe links, and no SES address or pool", () => {
      // Act
      const api = environmentOf(stateless, 'notifications');

      // Assess
      expect(api[notificationsEnv.publicApiBaseUrl]).toEqual(environmentOf(stateless, 'notificationSender')[notificationsEnv.publicApiBaseUrl]);
      expect(api).not.toHaveProperty(notificationsEnv.fromAddress);
      expect(api).not.toHaveProperty(notificationsEnv.peoplePoolId);
    });
  });

  it('adds the supervisors group to the staff pool', () => {
    expectResourceProperties(stateful, 'AWS::Cognito::UserPoolGroup', { GroupName: SUPERVISORS_GROUP, UserPoolId: { Ref: 'StaffUserPool' } });
  });
});

describe('notifications in AWS with the email context values', () => {
  /** The stateless stack of a dev app with `context`; no bundling, it plays no part here. */
  const statelessStackWith = (context: Record<string, string>) =>
    addUserProtection(newApp({ 'aws:cdk:bundling-stacks': [], ...context }), { stage: 'dev', projectRoot, env: testEnv }).stateless;
  const statelessWith = (context: Record<string, string>): Template => Template.fromStack(statelessStackWith(context));
  const noDomainWarnings = (context: Record<string, string>) =>
    Annotations.fromStack(statelessStackWith(context)).findWarning('*', Match.stringLikeRegexp('No sending domain'));
  let stateless: Template;

  beforeAll(() => {
    stateless = statelessWith({
      emailFromDomain: 'platform.example',
      publicBaseUrl: 'https://api.platform.example/',
      appInboxUrl: 'https://app.platform.example/inbox',
      defaultLocale: 'zh-CN',
    });
  });

  it('verifies the domain with DKIM, sends with the configuration set by default, and prints the DKIM records', () => {
    // Act
    const [configurationSetId] = onlyResource(stateless, 'AWS::SES::ConfigurationSet');
    const [identityId, identity] = onlyResource(stateless, 'AWS::SES::EmailIdentity');
    const dkimOutputs = Object.keys(stateless.toJSON().Outputs).filter((name) => name.includes('DkimRecord'));

    // Assess
    expect(identity.Properties).toMatchObject({
      EmailIdentity: 'platform.example',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: configurationSetId } },
    });
    expect(identity.Properties?.DkimAttributes?.SigningEnabled).not.toBe(false);
    expect(dkimOutputs).toHaveLength(3);
    const [ses] = withActions(statementsOf(stateless, 'notificationSender'), 'ses:');
    expect(JSON.stringify(ses?.Resource)).toContain(`:identity/",{"Ref":"${identityId}"}`);
    expect(JSON.stringify(ses?.Resource)).not.toContain(placeholderSendingDomain);
  });

  it('hands the sender the from address, the URLs (without a trailing slash) and the default locale', () => {
    expect(environmentOf(stateless, 'notificationSender')).toMatchObject({
      [notificationsEnv.fromAddress]: 'notifications@platform.example',
      [notificationsEnv.publicApiBaseUrl]: 'https://api.platform.example',
      [notificationsEnv.inboxUrl]: 'https://app.platform.example/inbox',
      [notificationsEnv.defaultLocale]: 'zh-CN',
    });
  });

  it('warns at synthesis when no sending domain is given, and only then', () => {
    expect(noDomainWarnings({})).toHaveLength(1);
    expect(noDomainWarnings({ emailFromDomain: 'platform.example' })).toEqual([]);
  });

  it.each([
    [{ defaultLocale: 'fr' }, /defaultLocale=fr: expected one of en, zh-CN/],
    [{ publicBaseUrl: 'http://api.platform.example' }, /publicBaseUrl=.*expected an https:\/\/ URL/],
    [{ appInboxUrl: 'inbox' }, /appInboxUrl=inbox: expected an https:\/\/ URL/],
    [{ emailFromDomain: 'notifications@platform.example' }, /emailFromDomain=.*expected a domain name/],
  ])('refuses %o with what to pass', (context, message) => {
    expect(() => statelessWith(context)).toThrow(message);
  });
});
