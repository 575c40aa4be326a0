import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_FILE, bundleFunction, houseBundlingOptions } from '#infra/bundling.ts';
import { houseFunctionCode } from '#infra/constructs/function-code.ts';

/**
 * What the house construct deploys is what the benchmark measures and the bundle tests read: the
 * function's entry bundled with the house's esbuild options (infra/bundling.ts). A stack with one
 * function is synthesised with bundling on, and its asset compared with the same entry bundled
 * directly.
 */

const projectRoot = path.resolve(fileURLToPath(import.meta.url), '../../..');
const ENTRY = 'functions/readiness/handler.ts';

let folder: string;
let assetFolder: string;
let template: Template;

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'function-code-'));
  const app = new App({ outdir: path.join(folder, 'cdk.out') });
  const stack = new Stack(app, 'FunctionCode');
  const runtime = Runtime.NODEJS_22_X;
  new LambdaFunction(stack, 'Readiness', { runtime, handler: 'index.handler', code: houseFunctionCode({ projectRoot, entry: ENTRY, runtime }) });
  const assembly = app.synth();
  template = Template.fromStack(stack);
  const assets = readdirSync(assembly.directory).filter((name) => name.startsWith('asset.'));
  expect(assets).toHaveLength(1);
  assetFolder = path.join(assembly.directory, assets[0]!);
}, 60_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the code of a house function', () => {
  it('is an ESM bundle with its source map, loaded as index.handler', () => {
    expect(readdirSync(assetFolder).sort()).toEqual([BUNDLE_FILE, `${BUNDLE_FILE}.map`]);
    template.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Runtime: 'nodejs22.x' });
  });

  it('is the entry bundled with the house’s options, byte for byte', async () => {
    // Prepare
    const outDir = path.join(folder, 'direct');

    // Act
    await bundleFunction({ projectRoot, entry: ENTRY, outDir });

    // Assess
    expect(readFileSync(path.join(assetFolder, BUNDLE_FILE), 'utf8')).toBe(readFileSync(path.join(outDir, BUNDLE_FILE), 'utf8'));
  });
});

describe('the house’s bundling options', () => {
  it('replace the SDK’s credential chain and asn1.js’s copy of bn.js, and load the SDK’s schemas through the plugin', () => {
    expect(houseBundlingOptions.alias).toEqual({
      '@aws-sdk/credential-provider-node': './shared/aws/environment-credentials.ts',
      'bn.js': './node_modules/bn.js/lib/bn.js',
    });
    expect(houseBundlingOptions.plugins.map((plugin) => plugin.name)).toEqual(['sdk-schema-literal-keys']);
  });
});
