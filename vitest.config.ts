import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test tiers, each runnable alone: `npx vitest run --project <name>`.
 * - unit: pure domain logic, no I/O.
 * - integration: handlers and adapters against DynamoDB Local and fauxqs through the real SDK.
 * - api: HTTP requests against the local server (the same process `npm start` runs).
 * - infra: CDK assertions and cdk-nag on the synthesised templates.
 * In every tier a test that makes no `expect` assertion fails: a test must check something.
 */
const everyTestAsserts = { requireAssertions: true };

/**
 * Hang detectors, not speed checks (the benchmarks measure speed): with one file per core, two
 * files share the cores and one DynamoDB Local, and a test can take several times as long as alone.
 */
const againstEmulators = { testTimeout: 60_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    // One file per core. Vitest's default keeps a core for its own process, which mostly waits
    // here: on 2 cores that ran one file at a time (CI's tests took 1,029 s, against 853 s).
    maxWorkers: availableParallelism(),
    projects: [
      // The unit and infra tiers run their files without isolation: files in one worker share its
      // modules, so each is loaded once per worker, not once per file (the unit tier took 33 s
      // alone, now 10 s; the infra tier 160 s, now 50 s). Their tests put back whatever global they
      // change (timers, spies, variables); the emulator tiers stay isolated.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], expect: everyTestAsserts, isolate: false } },
      {
        test: {
          name: 'integration',
          expect: everyTestAsserts,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/env-setup.ts'],
          ...againstEmulators,
        },
      },
      {
        test: {
          name: 'api',
          expect: everyTestAsserts,
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/env-setup.ts'],
          ...againstEmulators,
        },
      },
      {
        test: {
          name: 'infra',
          expect: everyTestAsserts,
          include: ['test/infra/**/*.test.ts'],
          // The CDK library is loaded and each stage synthesised once per worker (synth-app.ts).
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
