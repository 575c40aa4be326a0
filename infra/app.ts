import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { parseDeployStage, type DeployStage } from './stacks/deploy-stage.ts';
import { addUserProtection } from './stacks/user-protection.ts';

/**
 * CDK entry point (cdk.json runs `npx tsx infra/app.ts`). Context:
 *   -c stage=dev|prod                                  (default dev)
 *   -c corsAllowOrigins=https://a.example,https://b.example   (default *)
 *   -c region=eu-central-1                             (default: the CLI's region)
 *   -c originSecretVersion=<VersionId>                 (after a rotation of the origin secret)
 *   -c onCallEmail=oncall@example.com                  (who the alarms page; strongly advised)
 *   -c emailFromDomain=platform.example                (notifications@<domain>, verified with DKIM)
 *   -c publicBaseUrl=https://api.platform.example      (unsubscribe links; default: CloudFront's URL)
 *   -c appInboxUrl=https://platform.example/inbox      (default https://<emailFromDomain>/notifications)
 *   -c defaultLocale=en|zh-CN                          (default en)
 */
const app = new App();
const stage = stageFromContext(app);
const corsAllowOrigins = parseList(app.node.tryGetContext('corsAllowOrigins'));
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = regionFrom(app);

addUserProtection(app, {
  stage,
  // Without credentials the account stays unknown, so synth works offline (with a region).
  env: { account, region },
  projectRoot: fileURLToPath(new URL('..', import.meta.url)),
  corsAllowOrigins,
  onCallEmail: app.node.tryGetContext('onCallEmail'),
});
app.synth();

/** A wrong stage is a usage error: say what to pass, without a stack trace. */
function stageFromContext(scope: App): DeployStage {
  try {
    return parseDeployStage(scope.node.tryGetContext('stage'));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** The deploy region: the CLI's default (profile, AWS_REGION) or `-c region=...`; a usage error without one. */
function regionFrom(scope: App): string {
  const region = process.env.CDK_DEFAULT_REGION ?? scope.node.tryGetContext('region');
  if (typeof region === 'string' && region !== '') return region;
  console.error('No region: configure a default region for the AWS CLI, or pass -c region=<region>.');
  process.exit(1);
}

function parseList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}
