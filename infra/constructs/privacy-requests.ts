import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { coolingOffHoursSetting, deadlineDaysSetting, DEADLINE_WARNING_DAYS, REQUESTS_NEAR_DEADLINE_METRIC } from '#shared/privacy/manifest.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, functionMetric } from './alarm.ts';
import { applySetting } from './deploy-settings.ts';

/** `cdk deploy -c privacyRequestDeadlineDays=30`: the platform's deadline to answer an export or erasure request. */
export const privacyRequestDeadlineDaysContext = deadlineDaysSetting.context;
/** `cdk deploy -c privacyErasureCoolingOffHours=72`: the hours an erasure request can be cancelled before it runs. */
export const privacyErasureCoolingOffHoursContext = coolingOffHoursSetting.context;

/**
 * People's requests over their data: the deadline and the cooling-off from the deploy's context
 * (the functions keep their defaults, 30 days and 72 hours, otherwise; a bad value fails the
 * synth), and the alarm on requests near their deadline: the requests job writes how many
 * requests still await an answer within `DEADLINE_WARNING_DAYS` of their deadline (or past it)
 * on every run, and the alarm fires on the first run above zero.
 */
export class PrivacyRequests extends Construct {
  public readonly nearDeadline: Alarm;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; functions: ReadonlyArray<{ addEnvironment(key: string, value: string): unknown }> }) {
    super(scope, id);
    applySetting(scope, deadlineDaysSetting, props.functions);
    applySetting(scope, coolingOffHoursSetting, props.functions);
    const { stage } = props.settings;
    this.nearDeadline = alarmAboveZero(
      this,
      'NearDeadline',
      functionMetric(stage, 'privacyRequests', REQUESTS_NEAR_DEADLINE_METRIC, { statistic: 'Maximum', period: Duration.minutes(15) }),
      `Privacy requests (${stage}): a person's export or erasure request is within ${DEADLINE_WARNING_DAYS} days of the platform's deadline, or past it; see GET /v1/privacy/requests`,
    );
  }
}
