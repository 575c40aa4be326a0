import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, eventRules, jobs } from '#infra/manifest.ts';
import { surveyTargetMetricName } from '../../infra/constructs/survey-target-alarm.ts';
import { expectResourceProperties, resourcesOfType, synthUserProtection, type TemplateResource } from './synth-app.ts';

describe('surveys: the complaint.resolved rule, the campaign schedule and the target alarm', () => {
  let template: Template;
  let lambdas: Record<string, TemplateResource>;
  const lambdaId = (service: string) =>
    Object.entries(lambdas).find(([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === service)![0];

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    template = synthUserProtection('dev').stateless;
    lambdas = resourcesOfType(template, 'AWS::Lambda::Function');
  });

  it('routes complaint.resolved from customer service on the domain bus to the consumer, with retries and a dead-letter queue', () => {
    // Act
    const rules = Object.values(resourcesOfType(template, 'AWS::Events::Rule'));
    const rule = rules.find((r) => r.Properties?.EventPattern?.['detail-type']?.includes('complaint.resolved'));

    // Assess
    const definition = eventRules.complaintResolvedSurvey;
    expect(rule?.Properties?.EventPattern).toEqual({ source: [...definition.sources], 'detail-type': [...definition.detailTypes] });
    expect(rule?.Properties?.EventBusName['Fn::ImportValue']).toMatch(/DomainEventBus/);
    const [target] = rule?.Properties?.Targets ?? [];
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [lambdaId('surveyEvents'), 'Arn'] });
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: definition.retryAttempts, MaximumEventAgeInSeconds: definition.maxEventAgeHours * 3600 });
    expect(target.DeadLetterConfig.Arn['Fn::GetAtt'][1]).toBe('Arn');
    const dlqId = target.DeadLetterConfig.Arn['Fn::GetAtt'][0];
    expect(resourcesOfType(template, 'AWS::SQS::Queue')[dlqId]?.Properties).toMatchObject({ SqsManagedSseEnabled: true });
    expectResourceProperties(template, 'AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 0,
    });
  });

  it('runs the survey-campaign job hourly on its function', () => {
    expectResourceProperties(template, 'AWS::Scheduler::Schedule', {
      ScheduleExpression: jobs['survey-campaign'].schedule,
      Target: Match.objectLike({ Arn: { 'Fn::GetAtt': [lambdaId('surveyCampaign'), 'Arn'] }, Input: Match.stringLikeRegexp('survey-campaign') }),
    });
  });

  it('turns the job\'s "survey campaign closed" line for monthly campaigns into a metric, and alarms on a missed month', () => {
    // Act
    const [filter] = Object.values(resourcesOfType(template, 'AWS::Logs::MetricFilter'));

    // Assess
    expect(filter?.Properties).toMatchObject({
      FilterPattern: '{ ($.message = "survey campaign closed") && ($.kind = "monthly") }',
      MetricTransformations: [{ MetricName: surveyTargetMetricName, MetricNamespace: 'UserProtection', MetricValue: '$.surveyTargetNotMet' }],
    });
    expect(filter?.Properties?.LogGroupName).toEqual({ Ref: lambdas[lambdaId('surveyCampaign')]?.Properties?.LoggingConfig?.LogGroup?.Ref });
    expectResourceProperties(template, 'AWS::CloudWatch::Alarm', {
      MetricName: surveyTargetMetricName,
      Namespace: 'UserProtection',
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('gives the consumer read-only access to the complaints table and no data key', () => {
    // Act
    const variables = lambdas[lambdaId('surveyEvents')]?.Properties?.Environment?.Variables ?? {};

    // Assess
    expect(variables).toHaveProperty('COMPLAINTS_TABLE_NAME');
    expect(variables).toHaveProperty('SURVEYS_TABLE_NAME');
    expect(variables).not.toHaveProperty(commonEnv.dataKeyArn);
  });
});
