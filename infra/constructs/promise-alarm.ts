import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { PROMISES_TURNED_NOT_KEPT_METRIC } from '#shared/transparency/use-cases/watch-commitments.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero, functionMetric } from './alarm.ts';

/**
 * The alarm of the promise scorecard: the hourly `commitments-watch` writes how many promises it
 * found turned from kept to not kept (`PromisesTurnedNotKept`, zero on most runs), and the alarm
 * fires on the first hour above zero. A watch that stops running is alarmed by its schedule's
 * dead-letter queue and its function's errors.
 */
export class PromiseAlarm extends Construct {
  public readonly turnedNotKept: Alarm;

  constructor(scope: Construct, id: string, props: { settings: StageSettings }) {
    super(scope, id);
    const { stage } = props.settings;
    this.turnedNotKept = alarmAboveZero(
      this,
      'TurnedNotKept',
      functionMetric(stage, 'commitmentsWatch', PROMISES_TURNED_NOT_KEPT_METRIC, { statistic: 'Maximum', period: Duration.hours(1) }),
      `Promise scorecard (${stage}): a promise of the plan turned from kept to not kept; see GET /v1/commitments`,
    );
  }
}
