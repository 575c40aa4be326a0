import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  AlarmRule,
  AlarmState,
  ComparisonOperator,
  CompositeAlarm,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import { keepQuiet } from './on-call.ts';

/** The availability the API promises: at most one request in a thousand answered with a 5xx. */
const AVAILABILITY_OBJECTIVE = 0.999;

/**
 * Multiwindow burn-rate alerting (the Google SRE workbook's): each rule pages when the error
 * budget burns at `burnRate` times the sustainable pace over both a long window (it matters) and
 * a short one (it is still happening, so the page stops soon after the fire does).
 * 14.4× over 1 h spends 2% of a 30-day budget; 6× over 6 h spends 5%.
 */
export const burnRateRules = [
  { name: 'Fast', burnRate: 14.4, longWindow: Duration.hours(1), shortWindow: Duration.minutes(5) },
  { name: 'Slow', burnRate: 6, longWindow: Duration.hours(6), shortWindow: Duration.minutes(30) },
] as const;

export interface AvailabilityObjectiveProps {
  api: IHttpApi;
  stage: string;
}

/**
 * The 99.9% availability objective of the HTTP API as alarms: for each burn-rate rule, an alarm
 * per window on the share of 5xx answers, and a composite alarm (both windows) that pages. The
 * window alarms themselves stay quiet.
 */
export class AvailabilityObjective extends Construct {
  public readonly alarms: CompositeAlarm[];

  constructor(scope: Construct, id: string, props: AvailabilityObjectiveProps) {
    super(scope, id);
    const budget = 1 - AVAILABILITY_OBJECTIVE;
    this.alarms = burnRateRules.map((rule) => {
      const threshold = rule.burnRate * budget;
      const windowAlarm = (window: Duration, label: string) =>
        keepQuiet(
          new Alarm(this, `${rule.name}${label}Window`, {
            metric: this.errorRatio(props.api, window),
            threshold,
            comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
            evaluationPeriods: 1,
            // No requests is no error budget spent.
            treatMissingData: TreatMissingData.NOT_BREACHING,
            alarmDescription: `Share of 5xx answers over ${window.toHumanString()} above ${threshold} (${rule.burnRate}× the 0.1% budget)`,
          }),
        );
      const long = windowAlarm(rule.longWindow, 'Long');
      const short = windowAlarm(rule.shortWindow, 'Short');
      return new CompositeAlarm(this, `${rule.name}Burn`, {
        alarmRule: AlarmRule.allOf(AlarmRule.fromAlarm(long, AlarmState.ALARM), AlarmRule.fromAlarm(short, AlarmState.ALARM)),
        alarmDescription:
          `Availability (${props.stage}): the API spends its 99.9% error budget at ${rule.burnRate}× the sustainable rate ` +
          `over ${rule.longWindow.toHumanString()} and the last ${rule.shortWindow.toHumanString()}. See the README runbook.`,
      });
    });
  }

  /** 5xx answers / all answers over one window, 0 when there were none. */
  private errorRatio(api: IHttpApi, window: Duration): MathExpression {
    const metric = (metricName: string) =>
      new Metric({
        namespace: 'AWS/ApiGateway',
        metricName,
        dimensionsMap: { ApiId: api.apiId },
        statistic: 'Sum',
        period: window,
      });
    return new MathExpression({
      expression: 'IF(requests > 0, errors / requests, 0)',
      usingMetrics: { errors: metric('5xx'), requests: metric('Count') },
      period: window,
      label: `5xx share over ${window.toHumanString()}`,
    });
  }
}
