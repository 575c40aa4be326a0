import { Duration } from 'aws-cdk-lib';
import { Metric, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { metricsNamespace, type FunctionName } from '#infra/manifest.ts';
import { PROMISES_TURNED_NOT_KEPT_METRIC } from '#shared/transparency/use-cases/watch-commitments.ts';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero } from './alarm.ts';

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
    const metric = new Metric({
      namespace: metricsNamespace,
      metricName: PROMISES_TURNED_NOT_KEPT_METRIC,
      dimensionsMap: { stage, function: 'commitmentsWatch' satisfies FunctionName },
      statistic: 'Maximum',
      period: Duration.hours(1),
    });
    this.turnedNotKept = alarmAboveZero(
      this,
      'TurnedNotKept',
      metric,
      `Promise scorecard (${stage}): a promise of the plan turned from kept to not kept; see GET /v1/commitments`,
    );
  }
}
