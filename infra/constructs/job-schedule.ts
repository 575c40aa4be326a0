import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { ContextAttribute, Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobDefinition, JobName } from '#infra/manifest.ts';
import { parseSchedule, runWorthMilliseconds } from '../schedule-expression.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { AlarmedDeadLetterQueue } from './alarmed-dead-letter-queue.ts';

export interface JobScheduleProps {
  name: JobName;
  definition: JobDefinition;
  /** The job's function (the `function` of its definition). */
  target: IFunction;
  settings: StageSettings;
}

/** Scheduler's retries of a delivery Lambda refused (throttled, unavailable), before the dead-letter queue. */
export const jobRetryAttempts = 2;

/** `sla-sweep` -> `SlaSweep`: the construct id of a job. */
export const jobConstructId = (name: string): string =>
  name.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase());

/**
 * One scheduled job: an EventBridge Scheduler schedule that invokes the job's function with
 * `{ job, time }` (time = the scheduled time, the job's "now"), retries a failed delivery a
 * few times, then parks it in an encrypted dead-letter queue that alarms. What happens when the
 * function itself fails (retries, on-failure queue, Errors alarm) is the function's asynchronous
 * invocation configuration (async-invocation.ts).
 */
export class JobSchedule extends Construct {
  public readonly schedule: Schedule;
  public readonly deadLetterQueue: Queue;
  /** The role the scheduler assumes: invoke this function, send to this dead-letter queue. */
  public readonly role: Role;

  constructor(scope: Construct, id: string, props: JobScheduleProps) {
    super(scope, id);
    const { name, definition, target, settings } = props;

    this.deadLetterQueue = new AlarmedDeadLetterQueue(this, 'DeadLetterQueue', {
      alarmDescription: `Job ${name} (${settings.stage}): the scheduler could not hand a run to its function in ${jobRetryAttempts + 1} attempts`,
    }).queue;

    const stack = Stack.of(this);
    this.role = new Role(this, 'SchedulerRole', {
      description: `Scheduler: job ${name} (${settings.stage})`,
      // Only schedules of this account's default group may assume it (confused-deputy guard).
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: {
            'aws:SourceAccount': stack.account,
            'aws:SourceArn': stack.formatArn({ service: 'scheduler', resource: 'schedule-group', resourceName: 'default' }),
          },
        },
      }),
    });

    // A rate job's run older than its next tick is superseded by it (the job catches up from its
    // "now"), so retrying longer than one interval only piles up work; a cron (calendar) job's run
    // is worth a day of retries. Scheduler allows 1 minute to 24 hours.
    const maxEventAgeMs = Math.min(Math.max(runWorthMilliseconds(definition.schedule), 60_000), 86_400_000);
    // Cron fields are read in UTC, as the manifest writes them; a rate has no time zone.
    const calendar = parseSchedule(definition.schedule).kind === 'cron';
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: calendar ? ScheduleExpression.expression(definition.schedule, TimeZone.ETC_UTC) : ScheduleExpression.expression(definition.schedule),
      description: `${name}: ${definition.description}`.slice(0, 512),
      target: new LambdaInvoke(target, {
        input: ScheduleTargetInput.fromObject({ job: name, time: ContextAttribute.scheduledTime }),
        retryAttempts: jobRetryAttempts,
        maxEventAge: Duration.seconds(maxEventAgeMs / 1000),
        deadLetterQueue: this.deadLetterQueue,
        role: this.role,
      }),
    });

    this.acknowledgeFindings(target);
  }

  /** Acknowledged on the exact resource that raises each finding, never wider. */
  private acknowledgeFindings(target: IFunction): void {
    const functionLogicalId = Stack.of(this).getLogicalId(target.node.defaultChild as CfnFunction);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId}.Arn>:*]`,
      reason:
        "CDK's grantInvoke on the job's function also names its versions and aliases (<function arn>:*); the role can invoke that one function and nothing else.",
    });
  }
}
