import { Aspects, Tags, Validations, type App, type Environment } from 'aws-cdk-lib';
import { AlarmsToOnCall, OnCallTopic } from '../constructs/on-call.ts';
import { AwsSolutionsChecks } from 'cdk-nag';
import { stageSettings, type DeployStage } from './deploy-stage.ts';
import { StatefulStack } from './stateful-stack.ts';
import { EdgeStack } from './edge-stack.ts';
import { StatelessStack } from './stateless-stack.ts';
import { ApiStack } from './api-stack.ts';
import { MonitoringStack } from './monitoring-stack.ts';

export interface UserProtectionOptions {
  stage: DeployStage;
  /**
   * The region is required: CloudFront's web ACL must live in us-east-1, and the API's stack reads
   * its ARN across regions, which CloudFormation can only do between stacks of known regions.
   */
  env: Environment & { region: string };
  /** Repository root: function entries and package-lock.json are resolved from it. */
  projectRoot: string;
  corsAllowOrigins?: string[];
  /** Who the alarms page (`-c onCallEmail=...`): subscribed by email to the on-call topic. */
  onCallEmail?: string;
}

export const stackName = (stage: DeployStage, part: 'Stateful' | 'Stateless' | 'Api' | 'Edge' | 'Monitoring'): string =>
  `UserProtection-${stage}-${part}`;

/**
 * Adds the stacks of one stage to the app, tags them and registers cdk-nag (AwsSolutions), so
 * that synthesis fails on any finding that is not acknowledged with a reason. Once per app.
 */
export function addUserProtection(app: App, options: UserProtectionOptions) {
  const settings = stageSettings(options.stage);
  const stateful = new StatefulStack(app, stackName(options.stage, 'Stateful'), {
    env: options.env,
    settings,
    description: `User protection (${options.stage}): keys, tables, queues and event bus`,
  });
  // CloudFront's web ACL can only live in us-east-1; the stateless stack reads its ARN across regions.
  const edge = new EdgeStack(app, stackName(options.stage, 'Edge'), {
    env: { account: options.env.account, region: 'us-east-1' },
    settings,
    description: `User protection (${options.stage}): the WAF web ACL of the API's CloudFront distribution`,
  });
  const stateless = new StatelessStack(app, stackName(options.stage, 'Stateless'), {
    env: options.env,
    webAclArn: edge.webAclArn,
    settings,
    dataKey: stateful.dataKey,
    storageKey: stateful.storageKey,
    pseudonymKey: stateful.pseudonymKey,
    staffIdentities: { userPool: stateful.staffUserPool.userPool, clients: [stateful.staffUserPool.consoleClient] },
    eventBus: stateful.eventBus,
    tables: stateful.tables,
    queues: stateful.queues,
    projectRoot: options.projectRoot,
    corsAllowOrigins: options.corsAllowOrigins,
    description: `User protection (${options.stage}): API address, identities, functions and schedules`,
  });
  // The route table grows with every context: it has a stack of its own, on top of the functions.
  const api = new ApiStack(app, stackName(options.stage, 'Api'), {
    env: options.env,
    settings,
    api: stateless.api,
    accessLogs: stateless.apiAccessLogs,
    functions: stateless.functions,
    authorizers: stateless.apiAuthorizers,
    description: `User protection (${options.stage}): the API's routes, integrations, authorizers and stage`,
  });

  // The on-call topic lives with the data: alarms of every stack (the stateful one too) publish to it.
  const onCall = new OnCallTopic(stateful, 'OnCall', { settings, key: stateful.storageKey, onCallEmail: options.onCallEmail });
  const monitoring = new MonitoringStack(app, stackName(options.stage, 'Monitoring'), {
    env: options.env,
    settings,
    api: stateless.api,
    functions: stateless.functions,
    queues: stateful.queues,
    tables: stateful.tables,
    description: `User protection (${options.stage}): dashboard and alarms`,
  });
  const alarmsToOnCall = new AlarmsToOnCall(onCall.topic);

  for (const stack of [stateful, stateless, api, edge, monitoring]) {
    Aspects.of(stack).add(alarmsToOnCall);
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
  return { stateful, stateless, api, edge, monitoring, onCall };
}
