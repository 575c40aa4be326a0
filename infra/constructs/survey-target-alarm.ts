import { Duration } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { StageSettings } from '../stacks/deploy-stage.ts';
import { alarmAboveZero } from './alarm.ts';
import { metricsNamespace } from '#infra/manifest.ts';

export const surveyTargetMetricName = 'SurveyTargetNotMet';

/**
 * The alarm on the satisfaction promise: when the survey-campaign job closes a monthly campaign
 * it logs one `survey campaign closed` line with `surveyTargetNotMet` (1 unless the target rule
 * was met: not met, or not enough responses to tell). A metric filter on the job's log group
 * turns that line into a metric, and the alarm fires on a 1.
 */
export class SurveyTargetAlarm extends Construct {
  public readonly metricFilter: MetricFilter;
  public readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: { logGroup: ILogGroup; settings: StageSettings }) {
    super(scope, id);
    this.metricFilter = new MetricFilter(this, 'MetricFilter', {
      logGroup: props.logGroup,
      metricNamespace: metricsNamespace,
      metricName: surveyTargetMetricName,
      filterPattern: FilterPattern.all(
        FilterPattern.stringValue('$.message', '=', 'survey campaign closed'),
        FilterPattern.stringValue('$.kind', '=', 'monthly'),
      ),
      metricValue: '$.surveyTargetNotMet',
    });
    this.alarm = alarmAboveZero(
      this,
      'Alarm',
      this.metricFilter.metric({ statistic: 'Maximum', period: Duration.hours(1) }),
      `Satisfaction survey (${props.settings.stage}): a month closed without meeting the CSAT target (or without enough responses to tell)`,
    );
  }
}
