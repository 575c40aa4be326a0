/**
 * How every function is bundled, read by the house construct (infra/constructs/node-function.ts)
 * and by the benchmark (bench/bundles.ts), so that what is measured is what is deployed.
 * Plain values: the benchmark reads them without loading the CDK.
 */
export const functionBundling = {
  /** Matches the Lambda runtime of the house construct (nodejs22.x). */
  target: 'node22',
  /**
   * ESM builds first: they tree-shake. Measured with `['main', 'module']` the complaints bundle
   * grows from 0.8 to 1.1 MiB and loads slower. Minify matters too (2.3x the bytes without);
   * `legalComments: 'none'` and a NODE_ENV `define` (nothing bundled reads it) change nothing.
   */
  mainFields: ['module', 'main'],
  /** CommonJS dependencies bundled into ESM still call require(); give them one. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  /**
   * A source map beside each bundle, read only when a stack trace is formatted
   * (shared/observability/stack-traces.ts; no `--enable-source-maps`, which parses the whole map
   * at every cold start).
   */
  sourceMap: true,
  sourcesContent: false,
  /**
   * Packages replaced in every bundle, each by a file of the project (paths from the project
   * root). The SDK's default credential chain gives way to the environment's credentials, all a
   * Lambda function has (shared/aws/environment-credentials.ts): 133 KiB less to parse at each
   * cold start, about 18 ms on the development machine. Handlebars' compiler goes without the
   * `source-map` package (shared/notifications/templates/without-source-map.ts).
   */
  alias: {
    '@aws-sdk/credential-provider-node': './shared/aws/environment-credentials.ts',
    'source-map': './shared/notifications/templates/without-source-map.ts',
  },
} as const;
