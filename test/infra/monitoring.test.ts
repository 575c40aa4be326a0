import { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, routes } from '#infra/manifest.ts';
import { burnRateRules } from '../../infra/constructs/availability-objective.ts';
import { OnCallTopic } from '../../infra/constructs/on-call.ts';
import { stageSettings } from '../../infra/stacks/deploy-stage.ts';
import { addUserProtection } from '../../infra/stacks/user-protection.ts';
import { expectResourceProperties, newApp, projectRoot, resourcesOfType, testEnv } from './synth-app.ts';

/**
 * The monitoring of a prod stage deployed with an on-call email, as `cdk deploy -c onCallEmail=...`
 * does (without bundling the functions' code: no alarm reads it).
 */
let stacks: ReturnType<typeof addUserProtection>;
let templates: Record<'stateful' | 'stateless' | 'api' | 'edge' | 'monitoring', Template>;

beforeAll(() => {
  stacks = addUserProtection(newApp({ 'aws:cdk:bundling-stacks': [] }), { stage: 'prod', projectRoot, env: testEnv, onCallEmail: 'oncall@example.com' });
  templates = {
    stateful: Template.fromStack(stacks.stateful),
    stateless: Template.fromStack(stacks.stateless),
    api: Template.fromStack(stacks.api),
    edge: Template.fromStack(stacks.edge),
    monitoring: Template.fromStack(stacks.monitoring),
  };
}, 240_000);

/** The quiet window alarms of the burn-rate rules: their composite pages instead. */
const isBurnRateWindow = (logicalId: string) => /AvailabilityObjective(Fast|Slow)(Long|Short)Window/.test(logicalId);

describe('alarms reach a person', () => {
  it('pages the on-call email through one encrypted, TLS-only topic', () => {
    expectResourceProperties(templates.stateful, 'AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expectResourceProperties(templates.stateful, 'AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    expectResourceProperties(templates.stateful, 'AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('sends every alarm of every stack to the topic, on alarm and on recovery (burn-rate windows through their composite)', () => {
    let alarms = 0;
    for (const [name, template] of Object.entries(templates)) {
      for (const type of ['AWS::CloudWatch::Alarm', 'AWS::CloudWatch::CompositeAlarm']) {
        for (const [logicalId, alarm] of Object.entries(resourcesOfType(template, type))) {
          alarms += 1;
          const actions = alarm.Properties?.AlarmActions ?? [];
          if (isBurnRateWindow(logicalId)) expect(actions, `${name}/${logicalId}`).toEqual([]);
          else {
            expect(actions, `${name}/${logicalId}`).toHaveLength(1);
            expect(alarm.Properties?.OKActions, `${name}/${logicalId}`).toHaveLength(1);
          }
        }
      }
    }
    expect(alarms).toBeGreaterThan(20);
  });

  it('warns at synthesis when no on-call email is given', () => {
    const stack = new Stack(newApp(), 'Bare', { env: testEnv });
    new OnCallTopic(stack, 'OnCall', { settings: stageSettings('dev'), key: new Key(stack, 'Key') });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('No on-call email'));
    expect(Template.fromStack(stack).findResources('AWS::SNS::Subscription')).toEqual({});
  });
});

describe('the dashboard and the alarms on the promises and failure modes', () => {
  it('has one dashboard for the stage', () => {
    const dashboards = resourcesOfType(templates.monitoring, 'AWS::CloudWatch::Dashboard');
    expect(Object.values(dashboards).map((d) => d.Properties?.DashboardName)).toEqual(['UserProtection-prod']);
  });

  it('alarms on the API 5xx rate and p99 latency, SLA breaches and the age of every work queue', () => {
    const descriptions = Object.values(resourcesOfType(templates.monitoring, 'AWS::CloudWatch::Alarm')).map((alarm) =>
      JSON.stringify(alarm.Properties),
    );
    const expectAlarm = (pattern: RegExp) => expect(descriptions.some((d) => pattern.test(d)), String(pattern)).toBe(true);
    expectAlarm(/"MetricName":"5xx"/);
    expectAlarm(/"ExtendedStatistic":"p99".*"MetricName":"Latency"|"MetricName":"Latency".*p99/);
    expectAlarm(/"MetricName":"ComplaintSlaBreached"/);
    expectAlarm(/"MetricName":"SyntheticCheckFailed".*"TreatMissingData":"breaching"|"TreatMissingData":"breaching".*"MetricName":"SyntheticCheckFailed"/);
    expect(descriptions.filter((d) => d.includes('ApproximateAgeOfOldestMessage')).length).toBeGreaterThanOrEqual(2);
  });

  it('draws requests, errors and latency per route from the stage detailed metrics', () => {
    expectResourceProperties(templates.api, 'AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: Match.objectLike({ DetailedMetricsEnabled: true }),
    });
    const body = JSON.stringify(resourcesOfType(templates.monitoring, 'AWS::CloudWatch::Dashboard'));
    expect(body).toContain('SEARCH(');
    expect(body).toContain('Resource');
    expect(routes.length).toBeGreaterThan(0);
  });

  it('pages on the 99.9% availability objective by burn rate over a short and a long window', () => {
    const composites = Object.values(resourcesOfType(templates.monitoring, 'AWS::CloudWatch::CompositeAlarm'));
    expect(composites).toHaveLength(burnRateRules.length);
    for (const composite of composites) expect(JSON.stringify(composite.Properties?.AlarmRule)).toMatch(/ALARM\(.*\) AND ALARM\(/);
    const windows = Object.entries(resourcesOfType(templates.monitoring, 'AWS::CloudWatch::Alarm')).filter(([id]) => isBurnRateWindow(id));
    expect(windows.map(([, alarm]) => alarm.Properties?.Threshold).sort()).toEqual([0.006, 0.006, 0.0144, 0.0144].map((t) => expect.closeTo(t, 6)));
  });
});

describe('the synthetic check', () => {
  it('runs every five minutes against the public (CloudFront) URL, reading its client secret from its pool only', () => {
    const functions = resourcesOfType(templates.stateless, 'AWS::Lambda::Function');
    const check = Object.values(functions).find((fn) => fn.Properties?.Environment?.Variables?.SYNTHETIC_BASE_URL);
    expect(JSON.stringify(check?.Properties?.Environment?.Variables?.SYNTHETIC_BASE_URL)).toContain('DomainName');
    expectResourceProperties(templates.stateless, 'AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(5 minutes)' });
    expectResourceProperties(templates.stateless, 'AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'cognito-idp:DescribeUserPoolClient', Resource: Match.anyValue() })]),
      },
    });
  });
});

describe('readiness', () => {
  it('gives the readiness function the names of every dependency and describe permissions only', () => {
    const withTargets = Object.values(resourcesOfType(templates.stateless, 'AWS::Lambda::Function')).filter((fn) =>
      JSON.stringify(fn.Properties?.Environment ?? {}).includes('READINESS_TARGETS'),
    );
    expect(withTargets.map((fn) => fn.Properties?.Description)).toContain(functions.readiness.description);
    const policies = JSON.stringify(resourcesOfType(templates.stateless, 'AWS::IAM::Policy'));
    for (const action of ['dynamodb:DescribeTable', 'sqs:GetQueueAttributes', 'kms:DescribeKey']) expect(policies).toContain(action);
  });
});
