import path from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { sdkSchemaKeys } from './sdk-schema-keys.ts';

/**
 * How every function is bundled: the esbuild options the house construct's code is built with
 * (infra/constructs/function-code.ts), which the benchmark (bench/bundles.ts) and the bundle
 * tests build with too, so that what is measured and tested is what is deployed. No CDK here: the
 * benchmark reads it without loading the CDK.
 */
export const houseBundlingOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  /** Matches the Lambda runtime of the house construct (nodejs22.x). */
  target: 'node22',
  /**
   * ESM builds first: they tree-shake. Measured with `['main', 'module']` the complaints bundle
   * grows from 0.8 to 1.1 MiB and loads slower. Minify matters too (2.3x the bytes without);
   * `legalComments: 'none'` and a NODE_ENV `define` (nothing bundled reads it) change nothing.
   */
  mainFields: ['module', 'main'],
  /** CommonJS dependencies bundled into ESM still call require(); give them one. */
  banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
  minify: true,
  /**
   * A source map beside each bundle, read only when a stack trace is formatted
   * (shared/observability/stack-traces.ts; no `--enable-source-maps`, which parses the whole map
   * at every cold start).
   */
  sourcemap: true,
  sourcesContent: false,
  /**
   * Packages replaced in every bundle, each by a file of the project (paths from the project
   * root, the build's working directory). The SDK's default credential chain gives way to the
   * environment's credentials, all a Lambda function has (shared/aws/environment-credentials.ts):
   * 133 KiB less to parse at each cold start, about 18 ms on the development machine. The
   * Encryption SDK's serializer bundles bn.js twice: its own 5.x, and the 4.x asn1.js asks for,
   * for the ECDSA signatures of the signing suites (which the personal-data cipher does not use);
   * asn1.js is given the SDK's copy, 43 KiB less in every function holding the data key
   * (test/infra/one-bn.test.ts: the same signatures either way).
   */
  alias: {
    '@aws-sdk/credential-provider-node': './shared/aws/environment-credentials.ts',
    'bn.js': './node_modules/bn.js/lib/bn.js',
  },
  /** The SDK's schemas with literal keys, so that a client's unused operations are shaken out (infra/sdk-schema-keys.ts). */
  plugins: [sdkSchemaKeys],
  /** Bundle the AWS SDK too: pinned versions and a faster cold start than the runtime's copy. */
  external: [],
  logLevel: 'warning',
} satisfies BuildOptions;

/** The file name Lambda loads an ESM handler `index.handler` from. */
export const BUNDLE_FILE = 'index.mjs';

/**
 * Bundles one function's entry (relative to the project root) into `<outDir>/index.mjs`, with its
 * source map; `overrides` is for the benchmark's references, which bundle the SDK as it ships.
 */
export const bundleFunction = async (options: {
  projectRoot: string;
  entry: string;
  outDir: string;
  overrides?: Pick<BuildOptions, 'alias' | 'plugins'>;
}) =>
  build({
    ...houseBundlingOptions,
    ...options.overrides,
    entryPoints: [path.join(options.projectRoot, options.entry)],
    absWorkingDir: options.projectRoot,
    outfile: path.join(options.outDir, BUNDLE_FILE),
    metafile: true,
  });
