import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { commonEnv, jobs, metricsNamespace } from '#infra/manifest.ts';
import { submissionMetrics } from '#shared/moderation/domain/statement-submission.ts';
import { transparencyDatabaseEnv } from '#shared/moderation/transparency-database/config.ts';
import { jobRetryAttempts } from '../../infra/constructs/job-schedule.ts';
import { TransparencyDatabaseAccess, transparencyDatabaseUrlContext } from '../../infra/constructs/transparency-database-access.ts';
import { stageSettings } from '../../infra/stacks/deploy-stage.ts';
import { expectResourceProperties, newApp, resourcesOfType, synthUserProtection } from './synth-app.ts';

/**
 * The AWS side of the submission of statements of reasons to the DSA Transparency Database: the
 * job every 15 minutes (retries, dead-letter queue, alarms), the token's secret that only its
 * function may read (named in its environment, its value nowhere in the template), the database's
 * address from the context, and the alarm on quarantined statements.
 */

type Statement = Record<string, any>;
const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

describe('the statement submission job in AWS (dev)', () => {
  let stateless: Template;
  let lambdaId: string;
  let secretId: string;

  beforeAll(() => {
    // Prepare: synthesise once for the whole file (bundling takes seconds).
    ({ stateless } = synthUserProtection('dev'));
    lambdaId = Object.entries(resourcesOfType(stateless, 'AWS::Lambda::Function')).find(
      ([, fn]) => fn.Properties?.Environment?.Variables?.[commonEnv.serviceName] === 'statementSubmission',
    )![0];
    secretId = Object.keys(resourcesOfType(stateless, 'AWS::SecretsManager::Secret')).find((id) => id.startsWith('TransparencyDatabaseAccess'))!;
  });

  const variables = () => resourcesOfType(stateless, 'AWS::Lambda::Function')[lambdaId]!.Properties!.Environment.Variables as Record<string, unknown>;

  it('runs every 15 minutes with { job, time }, retries a refused delivery, then parks it in a dead-letter queue that alarms', () => {
    // Act
    const schedules = Object.values(resourcesOfType(stateless, 'AWS::Scheduler::Schedule')).filter(
      (s) => JSON.parse(s.Properties?.Target.Input).job === 'statement-submission',
    );

    // Assess
    expect(jobs['statement-submission'].schedule).toBe('rate(15 minutes)');
    expect(schedules).toHaveLength(1);
    const { ScheduleExpression, Target } = schedules[0]!.Properties!;
    expect(ScheduleExpression).toBe('rate(15 minutes)');
    expect(Target.Arn).toEqual({ 'Fn::GetAtt': [lambdaId, 'Arn'] });
    expect(Target.RetryPolicy).toEqual({ MaximumRetryAttempts: jobRetryAttempts, MaximumEventAgeInSeconds: 900 });
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Target.DeadLetterConfig.Arn['Fn::GetAtt'][0], 'QueueName'] } }],
    });
  });

  it('retries a failed run, keeps it in an on-failure queue, and alarms on its errors', () => {
    // Assess
    expectResourceProperties(stateless, 'AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: lambdaId }, MaximumRetryAttempts: 2 });
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaId } }],
    });
  });

  it('may read the token secret, named in its environment; the value is nowhere in the template', () => {
    // Act
    const reads = Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties?.PolicyDocument.Statement as Statement[])
      .filter((s) => asArray(s.Action).includes('secretsmanager:GetSecretValue') && JSON.stringify(s.Resource).includes(secretId));
    const readers = Object.values(resourcesOfType(stateless, 'AWS::IAM::Policy')).filter((policy) =>
      JSON.stringify(policy.Properties?.PolicyDocument).includes(secretId),
    );

    // Assess
    expect(variables()[transparencyDatabaseEnv.tokenSecretArn]).toEqual({ Ref: secretId });
    expect(reads).toHaveLength(1);
    expect(readers).toHaveLength(1);
    expect(JSON.stringify(readers[0]!.Properties!.Roles)).toContain('StatementSubmissionFunction');
    expect(resourcesOfType(stateless, 'AWS::SecretsManager::Secret')[secretId]!.Properties!.SecretString).toBeUndefined();
    expect(JSON.stringify(resourcesOfType(stateless, 'AWS::Lambda::Function')[lambdaId]!.Properties!.Layers)).toContain('AWS-Parameters-and-Secrets-Lambda-Extension');
  });

  it('is disabled (no database address) unless the context names one', () => {
    // Assess
    expect(variables()[transparencyDatabaseEnv.url]).toBeUndefined();
  });

  it('alarms on the first statement quarantined', () => {
    // Assess
    expectResourceProperties(stateless, 'AWS::CloudWatch::Alarm', {
      Namespace: metricsNamespace,
      MetricName: submissionMetrics.quarantined,
      Dimensions: [
        { Name: 'function', Value: 'statementSubmission' },
        { Name: 'stage', Value: 'dev' },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });
});

describe('the database address from the context', () => {
  const stackWith = (url: unknown) => {
    const stack = new Stack(newApp({ [transparencyDatabaseUrlContext]: url }), 'Test');
    const target = new LambdaFunction(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = () => {}') });
    new TransparencyDatabaseAccess(stack, 'Access', { target, settings: stageSettings('prod') });
    return Template.fromStack(stack);
  };

  it('is handed to the function', () => {
    // Act
    const template = stackWith('https://transparency.dsa.ec.europa.eu');

    // Assess
    expectResourceProperties(template, 'AWS::Lambda::Function', {
      Environment: { Variables: { [transparencyDatabaseEnv.url]: 'https://transparency.dsa.ec.europa.eu' } },
    });
  });

  it('must be https', () => {
    // Act + Assess
    expect(() => stackWith('http://transparency.dsa.ec.europa.eu')).toThrow(/https/);
  });
});
