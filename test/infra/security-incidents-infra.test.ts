import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, functions, jobs, metricsNamespace, type FunctionName } from '#infra/manifest.ts';
import { SECURITY_WATCH_JOB } from '#shared/security/manifest.ts';
import { OVERDUE_FINDINGS_METRIC } from '#shared/security/use-cases/watch-findings.ts';
import { NOTICE_DUE_METRIC } from '#shared/security/use-cases/count-notice-deadlines.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection } from './synth-app.ts';

/**
 * The incident register in AWS: the hourly job that counts regulator deadlines due, its alarm,
 * and the data key held by the incidents function alone among the security functions.
 */
describe('the incident register in AWS (dev)', () => {
  let stateless: Template;
  const variablesOf = (name: FunctionName): Record<string, unknown> => {
    const found = Object.values(resourcesOfType(stateless, 'AWS::Lambda::Function')).find(
      (fn) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
    );
    if (!found) throw new Error(`no function for ${name}`);
    return found.Properties!.Environment.Variables;
  };
  const lambdaIdOf = (name: FunctionName): string =>
    Object.entries(resourcesOfType(stateless, 'AWS::Lambda::Function')).find(
      ([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
    )![0];

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    ({ stateless } = synthUserProtection('dev'));
  });

  it('runs the deadline job every hour with { job, time: the scheduled time }', () => {
    // Act
    const schedules = Object.values(resourcesOfType(stateless, 'AWS::Scheduler::Schedule')).filter(
      (candidate) => JSON.parse(candidate.Properties?.Target.Input).job === SECURITY_WATCH_JOB,
    );

    // Assess
    expect(jobs[SECURITY_WATCH_JOB]).toMatchObject({ function: 'securityWatch', schedule: 'rate(1 hour)' });
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 hour)',
      Target: { Arn: { 'Fn::GetAtt': [lambdaIdOf('securityWatch'), 'Arn'] } },
    });
  });

  /** An alarm on a metric of the hourly watch, above zero in any hour. */
  const watchAlarmOf = (metricName: string) => ({
    Namespace: metricsNamespace,
    MetricName: metricName,
    Dimensions: [
      { Name: 'function', Value: 'securityWatch' },
      { Name: 'stage', Value: 'dev' },
    ],
    Statistic: 'Maximum',
    Period: 3600,
    Threshold: 0,
    ComparisonOperator: 'GreaterThanThreshold',
  });

  it('alarms on the first incident whose regulator notification is due or overdue', () => {
    // Assess
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', { ...watchAlarmOf(NOTICE_DUE_METRIC), TreatMissingData: 'notBreaching' });
  });

  it('alarms on the first finding open past its fix-by, as the hourly watch counts them', () => {
    // Assess
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', watchAlarmOf(OVERDUE_FINDINGS_METRIC));
  });

  it('gives the data key to the incidents function only: not to the audit, findings or deadline functions', () => {
    // Assess
    expect(variablesOf('securityIncidents')).toHaveProperty(commonEnv.dataKeyArn);
    for (const name of ['security', 'securityAudit', 'securityWatch'] as const) {
      expect(functions[name].usesDataKey, name).toBe(false);
      expect(variablesOf(name), name).not.toHaveProperty(commonEnv.dataKeyArn);
    }
  });

  it('lets the platform function write the figures table (the monthly active people) and the incidents function only read it', () => {
    // Assess
    expect(functions.platform.tables).toEqual({ figures: 'readWrite' });
    expect(functions.securityIncidents.tables).toEqual({ securityIncidents: 'readWrite', figures: 'read' });
    expect(functions.securityWatch.tables).toEqual({ securityIncidents: 'read', security: 'readWrite' });
  });
});
