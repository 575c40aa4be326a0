import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { AssetHashType } from 'aws-cdk-lib';
import { Code, type Runtime } from 'aws-cdk-lib/aws-lambda';

/**
 * A function's code: its entry bundled with the house's esbuild options (infra/bundling.ts) by
 * infra/bundle-function-cli.ts in a child node, since esbuild runs plugins only asynchronously
 * and CDK bundles synchronously. The asset is the function's folder, hashed by the bundle it
 * gives; stacks CDK does not bundle (`aws:cdk:bundling-stacks`) never run it. Bundling is always
 * local: the runtime's image is named because CDK requires one, and is never pulled.
 */
export const houseFunctionCode = (options: { projectRoot: string; entry: string; runtime: Runtime }): Code =>
  Code.fromAsset(path.dirname(path.join(options.projectRoot, options.entry)), {
    assetHashType: AssetHashType.OUTPUT,
    bundling: {
      image: options.runtime.bundlingImage,
      local: {
        tryBundle(outputDir) {
          execFileSync(process.execPath, ['--import', 'tsx', path.join(options.projectRoot, 'infra/bundle-function-cli.ts'), options.entry, outputDir], {
            cwd: options.projectRoot,
            stdio: ['ignore', 'inherit', 'inherit'],
          });
          return true;
        },
      },
    },
  });
