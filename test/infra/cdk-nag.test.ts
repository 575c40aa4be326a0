import { Stack, Validations, type App } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { jobs, routeKey, routes } from '#infra/manifest.ts';
import type { DeployStage } from '../../infra/stacks/deploy-stage.ts';
import { addUserProtection } from '../../infra/stacks/user-protection.ts';
import { newApp, projectRoot, synthUserProtection, testEnv } from './synth-app.ts';

interface Acknowledgement {
  path: string;
  id: string;
  reason: string;
}

/** Every rule acknowledged anywhere in the app, with where and why. */
function acknowledgements(app: App): Acknowledgement[] {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          // CDK qualifies ids without a plugin namespace as annotations; cdk-nag reads them the same way.
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

/**
 * Synthesises the app (this alone throws on an unacknowledged finding), then lists what nag still
 * reports. The stage's app is the one the other infra tests read (synthesised without bundling the
 * functions' code: no rule reads a code asset, and CI's synth bundles them with the same checks).
 */
function synthAndCheck(stage: DeployStage) {
  const { app, stacks } = synthUserProtection(stage);
  app.synth();
  const report = new AwsSolutionsChecks(app).validateScope(app);
  return { app, stacks, violations: report.violations };
}

describe('cdk-nag AwsSolutions', () => {
  const results = {} as Record<DeployStage, ReturnType<typeof synthAndCheck>>;

  beforeAll(() => {
    // Prepare + Act: both stages, once for the whole file.
    results.dev = synthAndCheck('dev');
    results.prod = synthAndCheck('prod');
  }, 240_000);

  it.each(['dev', 'prod'] as const)('reports no unacknowledged error or warning in %s', (stage) => {
    // Assess
    const findings = results[stage].violations.map((violation) => {
      const where = violation.violatingResources.map((resource) => resource.constructPath);
      return `${violation.severity} ${violation.ruleName} at ${where.join(', ')}`;
    });
    expect(findings).toEqual([]);
  });

  it('acknowledges only the reviewed rules, each with a specific reason', () => {
    // Act
    const acknowledged = acknowledgements(results.prod.app);

    // Assess: a new acknowledgement is a security decision; add it here deliberately.
    const { stateless } = results.prod.stacks;
    // The schedulers' roles may invoke their job function's versions too (CDK's grantInvoke adds `<arn>:*`).
    const jobFunctionInvokes = [...new Set(Object.values(jobs).map((job) => job.function))].map((name) => {
      const jobFunction = stateless.functions[name].function.node.defaultChild as CfnFunction;
      const logicalId = Stack.of(stateless).getLogicalId(jobFunction);
      return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>:*]`;
    });
    expect([...new Set(acknowledged.map((ack) => ack.id))].sort()).toEqual(
      [
        'AwsSolutions-APIG4',
        // CloudFront in front of the API: no geo restriction, no CloudFront logs (the stage logs each request), the default certificate.
        'AwsSolutions-CFR1',
        'AwsSolutions-CFR3',
        'AwsSolutions-CFR4',
        // The origin secret is rotated in two steps (new value, then a deploy for CloudFront).
        'AwsSolutions-SMG4',
        'AwsSolutions-COG2',
        'AwsSolutions-COG8',
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
        'AwsSolutions-L1',
        // The schedules' and event rules' own dead-letter queues (cdk-nag only recognises a queue's redrive policy).
        'AwsSolutions-SQS3',
        ...jobFunctionInvokes,
        // The security audit's reads that IAM cannot scope to the stack's resources (security-audit-deployment-access.ts).
        'AwsSolutions-IAM5[Resource::*]',
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${testEnv.region}:<AWS::AccountId>:log-group:*]`,
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::aws:policy/*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:policy/*]',
      ].sort(),
    );
    for (const ack of acknowledged) expect(ack.reason.length, `${ack.id} at ${ack.path}`).toBeGreaterThan(60);
  });

  it('acknowledges APIG4 (no authorization) on the public routes only', () => {
    // Act
    const acknowledgesApig4 = Match.arrayWith([Match.objectLike({ id: 'AwsSolutions-APIG4' })]);
    const routesWithAcknowledgement = Object.values(
      Template.fromStack(results.dev.stacks.api).findResources('AWS::ApiGatewayV2::Route', {
        Metadata: { cdk_nag: { rules_to_suppress: acknowledgesApig4 } },
      }),
    ).map((route) => route.Properties.RouteKey);

    // Assess
    const publicRoutes = routes.filter((route) => route.caller === 'public').map(routeKey);
    expect(routesWithAcknowledgement.sort()).toEqual(publicRoutes.sort());
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    // Prepare
    const app = newApp({ 'aws:cdk:bundling-stacks': [] });
    const { stateful } = addUserProtection(app, { stage: 'dev', projectRoot, env: testEnv });
    new Queue(stateful, 'QueueWithoutDeadLetterQueue');

    // Act + Assess
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
