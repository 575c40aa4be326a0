import { Annotations, ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Grant, type IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import {
  ConfigurationSet,
  ConfigurationSetEventDestination,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { FunctionName } from '#infra/manifest.ts';
import { FALLBACK_LOCALE, notificationsEnv } from '#shared/notifications/config.ts';
import { type Locale, locales } from '#shared/notifications/domain/catalogue.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmOnDeadLetters } from './alarm.ts';

/** The function SNS invokes with SES's delivery feedback (async-invocation.ts gives it an on-failure queue). */
export const emailFeedbackSubscriber = {
  function: 'emailFeedback',
  invokedBy: 'the SES feedback topic (SNS)',
} as const satisfies { function: FunctionName; invokedBy: string };

/** The SES events the platform acts on: suppression (bounce, complaint), figures (delivery), and failures. */
const feedbackEvents = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.RENDERING_FAILURE,
] as const;

/** The sending domain of a stage deployed without `-c emailFromDomain`: reserved, so SES refuses to send. */
export const placeholderSendingDomain = 'example.invalid';

/** What a stage's email needs from the deployer (`cdk deploy -c ...`), validated. */
interface EmailSettings {
  /** `-c emailFromDomain`: the domain emails come from (`notifications@<domain>`), verified with DKIM. */
  sendingDomain?: string;
  /** `-c publicBaseUrl`: the API's public address, when it is not the CloudFront distribution's. */
  publicBaseUrl?: string;
  /** `-c appInboxUrl`: where people read their inbox in the app (default `https://<domain>/notifications`). */
  inboxUrl?: string;
  /** `-c defaultLocale`: the locale of people whose profile names none the platform speaks. */
  defaultLocale: Locale;
}

const domainPattern = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function httpsUrl(name: string, value: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url?.protocol !== 'https:') throw new Error(`-c ${name}=${value}: expected an https:// URL.`);
  return value.replace(/\/+$/, '');
}

/** Reads and checks the context values of email; a wrong value stops synthesis with what to pass. */
function emailSettingsFrom(scope: Construct): EmailSettings {
  const context = (name: string): string | undefined => {
    const value = scope.node.tryGetContext(name);
    return value === undefined || value === '' ? undefined : String(value);
  };
  const sendingDomain = context('emailFromDomain');
  if (sendingDomain !== undefined && !domainPattern.test(sendingDomain)) {
    throw new Error(`-c emailFromDomain=${sendingDomain}: expected a domain name such as platform.example.`);
  }
  const locale = context('defaultLocale') ?? FALLBACK_LOCALE;
  if (!locales.some((known) => known === locale)) {
    throw new Error(`-c defaultLocale=${locale}: expected one of ${locales.join(', ')}.`);
  }
  const publicBaseUrl = context('publicBaseUrl');
  const inboxUrl = context('appInboxUrl');
  return {
    sendingDomain,
    publicBaseUrl: publicBaseUrl && httpsUrl('publicBaseUrl', publicBaseUrl),
    inboxUrl: inboxUrl && httpsUrl('appInboxUrl', inboxUrl),
    defaultLocale: locale as Locale,
  };
}

export interface EmailDeliveryProps {
  settings: StageSettings;
  /** The consumer of the notifications queue: it sends the emails and looks people up in Cognito. */
  sender: LambdaFunction;
  /** The notifications API: its template previews carry the same links as the emails. */
  api: LambdaFunction;
  /** Takes SES's delivery feedback from the topic. */
  feedback: LambdaFunction;
  /** The directory of recipients: people by subject, staff by subject and group. */
  userPools: { people: IUserPool; staff: IUserPool };
  /** The API's public address when `-c publicBaseUrl` names none: the CloudFront distribution's. */
  defaultPublicBaseUrl: string;
}

/**
 * Email through SES v2. Every email goes out with one configuration set (reputation metrics, TLS
 * required: messages carry statements of reasons and decisions), whose event destination publishes
 * bounces, complaints, deliveries, rejections and rendering failures to an SNS topic; the feedback
 * function is subscribed to it, with a dead-letter queue for what SNS cannot deliver.
 *
 * Suppression: none at the set level. The platform keeps its own list (pseudonyms of addresses that
 * bounced or complained, fed by this topic) and checks it before sending; SES's account-level list
 * would be a second list, of addresses in clear, that the platform neither sees nor clears.
 *
 * The topic and its dead-letter queue carry recipients' addresses: both are encrypted with a key of
 * their own, which SES may use only for this configuration set and SNS only for this topic.
 */
export class EmailDelivery extends Construct {
  public readonly configurationSet: ConfigurationSet;
  public readonly topic: Topic;
  public readonly deadLetterQueue: Queue;
  /** The address emails are sent from. */
  public readonly fromAddress: string;

  constructor(scope: Construct, id: string, props: EmailDeliveryProps) {
    super(scope, id);
    const email = emailSettingsFrom(this);
    const domain = email.sendingDomain ?? placeholderSendingDomain;
    this.fromAddress = `notifications@${domain}`;

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      disableSuppressionList: true,
    });
    const key = this.createFeedbackKey(props.settings);
    this.topic = new Topic(this, 'FeedbackTopic', {
      topicName: this.topicName(props.settings),
      displayName: `User protection (${props.settings.stage}) SES delivery feedback`,
      masterKey: key,
      enforceSSL: true,
    });
    new ConfigurationSetEventDestination(this, 'FeedbackDestination', {
      configurationSet: this.configurationSet,
      destination: EventDestination.snsTopic(this.topic),
      events: [...feedbackEvents],
    });
    this.deadLetterQueue = this.createDeadLetterQueue(key, props.settings);
    this.topic.addSubscription(new LambdaSubscription(props.feedback, { deadLetterQueue: this.deadLetterQueue }));

    const identityArn = this.sendingIdentityArn(email.sendingDomain);
    this.grantSending(props.sender, identityArn);
    this.grantDirectory(props.sender, props.userPools);
    this.configureFunctions(props, email);
  }

  /** Fixed, so that the key's policy can name the topic's ARN without depending on the topic. */
  private topicName(settings: StageSettings): string {
    return `user-protection-${settings.stage}-email-feedback`;
  }

  private topicArn(settings: StageSettings): string {
    return Stack.of(this).formatArn({ service: 'sns', resource: this.topicName(settings), arnFormat: ArnFormat.NO_RESOURCE_NAME });
  }

  private configurationSetArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }

  /**
   * SES encrypts what it publishes to the topic, SNS what it parks in the dead-letter queue: each
   * may ask for a data key and open a cached one, SES only as this configuration set (in this
   * account, for this topic), SNS only as this topic.
   */
  private createFeedbackKey(settings: StageSettings): Key {
    const stack = Stack.of(this);
    const key = new Key(this, 'FeedbackKey', {
      description: `User protection ${settings.stage}: SES delivery feedback (its SNS topic and dead-letter queue)`,
      enableKeyRotation: true,
      // It protects messages in transit only: nothing is left to open once the stack is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const topicArn = this.topicArn(settings);
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          ArnEquals: { 'aws:SourceArn': this.configurationSetArn() },
          StringEquals: { 'aws:SourceAccount': stack.account, 'kms:EncryptionContext:aws:sns:topicArn': topicArn },
        },
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('sns.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { ArnEquals: { 'aws:SourceArn': topicArn }, StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    return key;
  }

  /** Feedback SNS could not hand to the function (after its own retries); an alarm as soon as one is there. */
  private createDeadLetterQueue(key: Key, settings: StageSettings): Queue {
    const queue = new Queue(this, 'FeedbackDeadLetterQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(queue.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is the SNS subscription's own dead-letter queue; a dead-letter queue for it would have nothing to catch.",
    });
    alarmOnDeadLetters(
      this,
      'FeedbackDeadLetterQueueNotEmptyAlarm',
      queue,
      `SES delivery feedback (${settings.stage}) that SNS could not hand to the ${emailFeedbackSubscriber.function} function: bounces and complaints not yet suppressed`,
    );
    return queue;
  }

  /**
   * The identity of `-c emailFromDomain` (Easy DKIM; its three CNAME records are printed for the
   * DNS), sending with the configuration set by default. Without it, the placeholder's ARN, which
   * no identity of the account has.
   */
  private sendingIdentityArn(sendingDomain: string | undefined): string {
    if (sendingDomain === undefined) {
      Annotations.of(this).addWarningV2(
        'user-protection:no-email-domain',
        `No sending domain: emails would come from ${this.fromAddress}, which SES refuses. Deploy with -c emailFromDomain=<domain> and publish the DKIM records it prints.`,
      );
      return Stack.of(this).formatArn({ service: 'ses', resource: 'identity', resourceName: placeholderSendingDomain });
    }
    const identity = new EmailIdentity(this, 'Identity', {
      identity: Identity.domain(sendingDomain),
      configurationSet: this.configurationSet,
    });
    identity.dkimRecords.forEach((record, index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        value: `${record.name} CNAME ${record.value}`,
        description: `DKIM record ${index + 1} of 3 for ${sendingDomain}: publish it in the domain's DNS`,
      });
    });
    return identity.emailIdentityArn;
  }

  /** ses:SendEmail from the sending identity with the configuration set, nothing else. */
  private grantSending(sender: IGrantable, identityArn: string): void {
    Grant.addToPrincipal({ grantee: sender, actions: ['ses:SendEmail'], resourceArns: [identityArn, this.configurationSetArn()] });
  }

  /** Recipients' addresses and locales by subject in both pools; the members of a staff group. */
  private grantDirectory(sender: IGrantable, pools: EmailDeliveryProps['userPools']): void {
    Grant.addToPrincipal({
      grantee: sender,
      actions: ['cognito-idp:AdminGetUser', 'cognito-idp:ListUsers'],
      resourceArns: [pools.people.userPoolArn, pools.staff.userPoolArn],
    });
    Grant.addToPrincipal({ grantee: sender, actions: ['cognito-idp:ListUsersInGroup'], resourceArns: [pools.staff.userPoolArn] });
  }

  /** The environment of notificationsEnv: the sender's in full, the API's for rendering previews. */
  private configureFunctions(props: EmailDeliveryProps, email: EmailSettings): void {
    const publicApiBaseUrl = email.publicBaseUrl ?? props.defaultPublicBaseUrl;
    const inboxUrl = email.inboxUrl ?? `https://${email.sendingDomain ?? placeholderSendingDomain}/notifications`;
    const rendering = {
      [notificationsEnv.publicApiBaseUrl]: publicApiBaseUrl,
      [notificationsEnv.inboxUrl]: inboxUrl,
      [notificationsEnv.defaultLocale]: email.defaultLocale,
    };
    const sending = {
      ...rendering,
      [notificationsEnv.fromAddress]: this.fromAddress,
      [notificationsEnv.configurationSet]: this.configurationSet.configurationSetName,
      [notificationsEnv.peoplePoolId]: props.userPools.people.userPoolId,
      [notificationsEnv.staffPoolId]: props.userPools.staff.userPoolId,
    };
    for (const [name, value] of Object.entries(sending)) props.sender.addEnvironment(name, value);
    for (const [name, value] of Object.entries(rendering)) props.api.addEnvironment(name, value);
  }
}
