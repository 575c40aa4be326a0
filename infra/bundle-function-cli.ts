import { bundleFunction } from './bundling.ts';

/**
 * `node --import tsx infra/bundle-function-cli.ts <entry> <outDir>`: bundles one function as the
 * house construct deploys it. CDK asks for a bundle synchronously, and esbuild runs plugins only
 * in its asynchronous API, so the construct runs this in a child process
 * (infra/constructs/function-code.ts).
 */
const [entry, outDir] = process.argv.slice(2);
if (!entry || !outDir) {
  console.error('usage: bundle-function-cli.ts <entry, from the project root> <output folder>');
  process.exit(2);
}
await bundleFunction({ projectRoot: process.cwd(), entry, outDir });
