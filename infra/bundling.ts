/**
 * How every function is bundled, read by the house construct (infra/constructs/node-function.ts)
 * and by the benchmark (bench/bundles.ts), so that what is measured is what is deployed.
 * Plain values: the benchmark reads them without loading the CDK.
 */
export const functionBundling = {
  /** Matches the Lambda runtime of the house construct (nodejs22.x). */
  target: 'node22',
  mainFields: ['module', 'main'],
  /** CommonJS dependencies bundled into ESM still call require(); give them one. */
  banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
  minify: true,
  sourceMap: true,
  sourcesContent: false,
} as const;
