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
 * Workers. The tiers without emulators (unit, infra) are bound by the CPU alone: they run first,
 * one file per core. The tiers against the emulators then run with vitest's default, one file
 * per core but one (one at a time on 2 cores): two files at a time share the cores and one
 * DynamoDB Local with the stream pollers, and some of their tests then took up to ten times as
 * long, too close to their timeouts.
 */
const cores = availableParallelism();
const withoutEmulators = { maxWorkers: cores, sequence: { groupOrder: 0 } };
const againstEmulators = { maxWorkers: Math.max(cores - 1, 1), sequence: { groupOrder: 1 } };

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], expect: everyTestAsserts, ...withoutEmulators } },
      {
        test: {
          name: 'integration',
          ...againstEmulators,
          expect: everyTestAsserts,
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/env-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api',
          ...againstEmulators,
          expect: everyTestAsserts,
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/env-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          ...withoutEmulators,
          expect: everyTestAsserts,
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
