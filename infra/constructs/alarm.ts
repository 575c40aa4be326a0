import { Duration } from 'aws-cdk-lib';
import { ComparisonOperator, Metric, TreatMissingData, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { metricsNamespace, type FunctionName } from '#infra/manifest.ts';

/** A figure one function writes with Powertools Metrics (the house's namespace, dimensions stage and function). */
export const functionMetric = (
  stage: string,
  fn: FunctionName,
  metricName: string,
  aggregate: { statistic: 'Sum' | 'Maximum'; period: Duration },
): Metric => new Metric({ namespace: metricsNamespace, metricName, dimensionsMap: { stage, function: fn }, ...aggregate });

/** Fires on the first period above `threshold`; no data is no alarm. */
export function alarmAbove(scope: Construct, id: string, metric: Metric, threshold: number, alarmDescription: string): Alarm {
  return metric.createAlarm(scope, id, {
    alarmDescription,
    threshold,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}

/**
 * The alarm this project puts on anything that should stay at zero (a dead-letter queue's
 * messages, a job's errors): it fires on the first period above zero, and no data is no alarm.
 */
export const alarmAboveZero = (scope: Construct, id: string, metric: Metric, alarmDescription: string): Alarm =>
  alarmAbove(scope, id, metric, 0, alarmDescription);

/** A message in a dead-letter queue needs a human: the alarm fires as soon as one is visible. */
export const alarmOnDeadLetters = (scope: Construct, id: string, queue: IQueue, alarmDescription: string): Alarm =>
  alarmAboveZero(scope, id, queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }), alarmDescription);
