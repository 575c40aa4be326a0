import { Tags, Validations, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageSettings, type DeployStage } from './deploy-stage.ts';
import { StatefulStack } from './stateful-stack.ts';
import { StatelessStack } from './stateless-stack.ts';

export interface UserProtectionOptions {
  stage: DeployStage;
  env?: Environment;
  /** Repository root: function entries and package-lock.json are resolved from it. */
  projectRoot: string;
  corsAllowOrigins?: string[];
}

export const stackName = (stage: DeployStage, part: 'Stateful' | 'Stateless'): string =>
  `UserProtection-${stage}-${part}`;

/**
 * Adds both stacks of one stage to the app, tags them and registers cdk-nag (AwsSolutions), so
 * that synthesis fails on any finding that is not acknowledged with a reason. Once per app.
 */
export function addUserProtection(app: App, options: UserProtectionOptions) {
  const settings = stageSettings(options.stage);
  const stateful = new StatefulStack(app, stackName(options.stage, 'Stateful'), {
    env: options.env,
    settings,
    description: `User protection (${options.stage}): keys, tables, queues and event bus`,
  });
  const stateless = new StatelessStack(app, stackName(options.stage, 'Stateless'), {
    env: options.env,
    settings,
    dataKey: stateful.dataKey,
    pseudonymKey: stateful.pseudonymKey,
    eventBus: stateful.eventBus,
    tables: stateful.tables,
    queues: stateful.queues,
    projectRoot: options.projectRoot,
    corsAllowOrigins: options.corsAllowOrigins,
    description: `User protection (${options.stage}): API, identities, functions and schedules`,
  });

  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('project', 'user-protection');
    Tags.of(stack).add('stage', options.stage);
  }
  Validations.of(app).addPlugins(
    new AwsSolutionsChecks(app, {
      verbose: true,
      // Audit trail: every acknowledged rule and its reason lands in the template's Metadata.
      writeSuppressionsToCloudFormation: true,
    }),
  );
  return { stateful, stateless };
}
