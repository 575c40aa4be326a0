import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { functions, jobs, metricsNamespace } from '#infra/manifest.ts';
import { COMMITMENTS_WATCH_JOB } from '#shared/transparency/manifest.ts';
import { PROMISES_TURNED_NOT_KEPT_METRIC } from '#shared/transparency/use-cases/watch-commitments.ts';
import { PromiseAlarm } from '../../infra/constructs/promise-alarm.ts';
import { stageSettings } from '../../infra/stacks/deploy-stage.ts';
import { resourcesOfType } from './synth-app.ts';

/**
 * The promise scorecard's pieces in AWS, without bundling the app: the alarm on the promises the
 * hourly watch finds turned from kept to not kept, the watch's schedule in the manifest, and no key
 * for either function. (The stateless stack's test finds the alarm in the synthesised stack, and
 * checks every job's schedule.)
 */
describe('the promise scorecard in AWS', () => {
  const template = () => {
    const stack = new Stack(new App(), 'Scorecard');
    new PromiseAlarm(stack, 'PromiseAlarm', { settings: stageSettings('prod') });
    return Template.fromStack(stack);
  };

  it('alarms in the first hour a promise turns from kept to not kept, on the watch of its stage', () => {
    // Act
    const alarms = Object.values(resourcesOfType(template(), 'AWS::CloudWatch::Alarm'));

    // Assess
    expect(alarms).toHaveLength(1);
    expect(alarms[0]!.Properties).toMatchObject({
      Namespace: metricsNamespace,
      MetricName: PROMISES_TURNED_NOT_KEPT_METRIC,
      Dimensions: [
        { Name: 'function', Value: 'commitmentsWatch' },
        { Name: 'stage', Value: 'prod' },
      ],
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('runs the watch every hour on a function of its own that holds no key, and the public scorecard only reads', () => {
    expect(jobs[COMMITMENTS_WATCH_JOB]).toMatchObject({ function: 'commitmentsWatch', schedule: 'rate(1 hour)' });
    expect([functions.commitments.usesDataKey, functions.commitmentsWatch.usesDataKey]).toEqual([false, false]);
    expect(Object.values(functions.commitments.tables).every((access) => access === 'read')).toBe(true);
  });
});
