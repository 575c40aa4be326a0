import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { parseDeployStage, type DeployStage } from './stacks/deploy-stage.ts';
import { addUserProtection } from './stacks/user-protection.ts';

/**
 * CDK entry point (cdk.json runs `npx tsx infra/app.ts`). Context:
 *   -c stage=dev|prod                                  (default dev)
 *   -c corsAllowOrigins=https://a.example,https://b.example   (default *)
 */
const app = new App();
const stage = stageFromContext(app);
const corsAllowOrigins = parseList(app.node.tryGetContext('corsAllowOrigins'));
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;

addUserProtection(app, {
  stage,
  // Without credentials the stacks stay environment-agnostic, so synth works offline.
  env: account || region ? { account, region } : undefined,
  projectRoot: fileURLToPath(new URL('..', import.meta.url)),
  corsAllowOrigins,
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

function parseList(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const items = String(value)
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}
