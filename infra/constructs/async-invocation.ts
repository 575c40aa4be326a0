import { Duration, Validations } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Grant } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { eventRules, functions, jobs, type EventRuleDefinition, type FunctionName } from '#infra/manifest.ts';
import { runWorthMilliseconds } from '../schedule-expression.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, alarmOnDeadLetters } from './alarm.ts';
import { grantStorageKeyVia, storageKeyActions } from './storage-key-grants.ts';
import { emailFeedbackSubscriber } from './email-delivery.ts';

/** Lambda's retries of an asynchronous invocation whose handler threw (Lambda allows 0 to 2). */
export const asyncRetryAttempts = 2;

/** Lambda keeps an asynchronous event between one minute and six hours. */
const eventAgeBounds = { min: 60, max: 6 * 3600 } as const;

/** What invokes a function asynchronously, and how old its event may get before retrying is pointless. */
export interface AsyncInvoker {
  /** `job sla-sweep`, `event rule complaintResolvedSurvey`, `the SES feedback topic (SNS)`. */
  invokedBy: string[];
  maxEventAgeSeconds: number;
}

/**
 * Every function that a schedule (jobs) or an event rule invokes, from the manifest, and the
 * subscriber of SES's delivery feedback topic (email-delivery.ts). A rate job's run is superseded by
 * its next tick, so its event is worth no more than one interval (a cron job's, a day); a rule's event is worth its rule's
 * `maxEventAgeHours`. A function with several invokers keeps the shortest age.
 */
export function asynchronouslyInvokedFunctions(): Partial<Record<FunctionName, AsyncInvoker>> {
  const invokers: Partial<Record<FunctionName, AsyncInvoker>> = {};
  const add = (name: FunctionName, invokedBy: string, maxEventAgeSeconds: number) => {
    const bounded = Math.min(Math.max(maxEventAgeSeconds, eventAgeBounds.min), eventAgeBounds.max);
    const known = invokers[name];
    invokers[name] = {
      invokedBy: [...(known?.invokedBy ?? []), invokedBy],
      maxEventAgeSeconds: Math.min(known?.maxEventAgeSeconds ?? bounded, bounded),
    };
  };
  for (const [name, job] of Object.entries(jobs)) add(job.function, `job ${name}`, runWorthMilliseconds(job.schedule) / 1000);
  // A rule that targets a queue invokes nothing: the queue's consumer takes the events in batches.
  for (const [name, rule] of Object.entries(eventRules as Record<string, EventRuleDefinition>)) {
    if (rule.function) add(rule.function, `event rule ${name}`, rule.maxEventAgeHours * 3600);
  }
  // SNS hands SES's delivery feedback to its subscriber asynchronously; it is worth as long as Lambda keeps it.
  add(emailFeedbackSubscriber.function, emailFeedbackSubscriber.invokedBy, eventAgeBounds.max);
  return invokers;
}

export interface AsyncInvocationProps {
  name: FunctionName;
  invoker: AsyncInvoker;
  target: IFunction;
  /** The storage key (stateful stack): the on-failure queue is encrypted with it. */
  storageKey: IKey;
  settings: StageSettings;
}

/**
 * How Lambda treats the asynchronous invocations of one function (a job's or an event rule's):
 * `asyncRetryAttempts` retries within the invoker's event age, then the invocation record (the
 * original event in `requestPayload`, the error in `responsePayload`) goes to this function's
 * on-failure queue, which alarms as soon as it holds one. The function's Errors alarm fires on the
 * first failed attempt, before the retries decide.
 *
 * One queue per function: its alarm names the function to look at, and every record in it is an
 * event of that one function (to be invoked again with `requestPayload` once the cause is fixed).
 */
export class AsyncInvocation extends Construct {
  public readonly onFailureQueue: Queue;
  public readonly onFailureAlarm: Alarm;
  public readonly errorsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: AsyncInvocationProps) {
    super(scope, id);
    const { name, invoker, target, settings } = props;
    const invokedBy = invoker.invokedBy.join(', ');

    // Records carry the event and the error message: encrypted with the storage key like every
    // other queue, and the function may use that key only through SQS.
    this.onFailureQueue = new Queue(this, 'OnFailureQueue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: props.storageKey,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(this.onFailureQueue.node.defaultChild!).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: "This queue is a function's on-failure destination, the last stop of an invocation; a dead-letter queue for it would have nothing to catch.",
    });
    // Lambda delivers the record as the function's role: SendMessage on this queue, and the key
    // only through SQS. (SqsDestination would also grant GetQueueAttributes, GetQueueUrl and the
    // key unconditioned.)
    const queueArn = this.onFailureQueue.queueArn;
    target.configureAsyncInvoke({
      onFailure: { bind: () => ({ destination: queueArn }) },
      retryAttempts: asyncRetryAttempts,
      maxEventAge: Duration.seconds(invoker.maxEventAgeSeconds),
    });
    Grant.addToPrincipal({ grantee: target, actions: ['sqs:SendMessage'], resourceArns: [queueArn] });
    grantStorageKeyVia(this, target, props.storageKey, 'sqs', storageKeyActions.sendToQueue);

    this.onFailureAlarm = alarmOnDeadLetters(
      this,
      'OnFailureQueueNotEmptyAlarm',
      this.onFailureQueue,
      `Function ${name} (${settings.stage}, invoked by ${invokedBy}): an invocation failed ${asyncRetryAttempts + 1} times; its event is in the on-failure queue`,
    );
    this.errorsAlarm = alarmAboveZero(
      this,
      'ErrorsAlarm',
      target.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      `Function ${name} (${settings.stage}, invoked by ${invokedBy}): an invocation failed; Lambda retries it, but look at its logs`,
    );
  }
}

/** One AsyncInvocation per function a job, an event rule or the SES feedback topic invokes, under the function's logical id. */
export function addAsyncInvocations(
  scope: Construct,
  props: { functions: Record<FunctionName, { function: IFunction }>; storageKey: IKey; settings: StageSettings },
): Partial<Record<FunctionName, AsyncInvocation>> {
  const invocations: Partial<Record<FunctionName, AsyncInvocation>> = {};
  for (const [name, invoker] of Object.entries(asynchronouslyInvokedFunctions()) as Array<[FunctionName, AsyncInvoker]>) {
    invocations[name] = new AsyncInvocation(scope, `${functions[name].logicalId}AsyncInvocation`, {
      name,
      invoker,
      target: props.functions[name].function,
      storageKey: props.storageKey,
      settings: props.settings,
    });
  }
  return invocations;
}
