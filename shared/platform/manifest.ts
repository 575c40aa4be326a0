import type { ContextManifest } from '#shared/manifest/types.ts';

/**
 * The platform's own public endpoints: liveness and the OpenAPI document of every context.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts' for the CDK stacks and
 * the local stack.
 */
export const platformManifest = {
  name: 'platform',
  tables: {},
  queues: {},
  functions: {
    platform: {
      logicalId: 'PlatformFunction',
      entry: 'functions/platform/handler.ts',
      description: 'Public endpoints: health and the OpenAPI document',
      memorySize: 256,
      timeoutSeconds: 5,
      tables: {},
      usesDataKey: false,
    },
  },
  routes: [
    { method: 'GET', path: '/v1/openapi.json', function: 'platform', caller: 'public' },
    { method: 'GET', path: '/health', function: 'platform', caller: 'public' },
  ],
  jobs: {},
  eventRules: {},
} as const satisfies ContextManifest;
