import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, type FunctionName } from '#infra/manifest.ts';
import { COOLING_OFF_HOURS_ENV, DEADLINE_DAYS_ENV, REQUESTS_NEAR_DEADLINE_METRIC } from '#shared/privacy/manifest.ts';
import { privacyErasureCoolingOffHoursContext, privacyRequestDeadlineDaysContext } from '../../infra/constructs/privacy-requests.ts';
import { addUserProtection } from '../../infra/stacks/user-protection.ts';
import { newApp, projectRoot, resourcesOfType, testEnv } from './synth-app.ts';

/** People's requests in AWS: the deadline and cooling-off from the deploy's context, and the alarm on requests near their deadline. */
describe('privacy requests (dev)', () => {
  let stateless: Template;

  const variablesOf = (name: FunctionName) =>
    Object.values(resourcesOfType(stateless, 'AWS::Lambda::Function')).find(
      (fn) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === name,
    )?.Properties?.Environment?.Variables ?? {};

  beforeAll(() => {
    const app = newApp({ 'aws:cdk:bundling-stacks': [], [privacyRequestDeadlineDaysContext]: '21', [privacyErasureCoolingOffHoursContext]: '48' });
    stateless = Template.fromStack(addUserProtection(app, { stage: 'dev', projectRoot, env: testEnv }).stateless);
  });

  it('hands the deadline and the cooling-off given at deploy time to the API and the requests job', () => {
    // Assess
    for (const name of ['privacy', 'privacyRequests'] as const) {
      expect(variablesOf(name), name).toMatchObject({ [DEADLINE_DAYS_ENV]: '21', [COOLING_OFF_HOURS_ENV]: '48' });
    }
  });

  it('alarms, to the on-call topic, when a request nears its deadline', () => {
    // Act
    const alarms = Object.values(resourcesOfType(stateless, 'AWS::CloudWatch::Alarm')).filter(
      (alarm) => alarm.Properties?.MetricName === REQUESTS_NEAR_DEADLINE_METRIC,
    );

    // Assess
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.Properties?.AlarmActions).toHaveLength(1);
  });
});
