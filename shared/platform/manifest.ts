import type { Role } from '#shared/manifest/platform.ts';
import { type ContextManifest, routesServedBy } from '#shared/manifest/types.ts';

/** Who reports the platform's monthly active people (the denominator of the transparency report's rates). */
export const activePeopleReporterRoles = ['admin'] as const satisfies readonly Role[];

/**
 * The platform's own endpoints and checks: liveness, readiness, the OpenAPI document of every
 * context, and the synthetic check that calls the API as a client does every five minutes.
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
      description: 'Liveness, the OpenAPI document, the synthetic probe and the monthly active people',
      memorySize: 256,
      timeoutSeconds: 5,
      // The synthetic probe reads one item of no personal data, end to end; administrators
      // report the monthly active people into the figures table.
      tables: { figures: 'readWrite' },
      usesDataKey: false,
    },
    readiness: {
      logicalId: 'ReadinessFunction',
      entry: 'functions/readiness/handler.ts',
      description: 'Readiness: every table, queue and key of the stack answers (describe calls only)',
      memorySize: 256,
      timeoutSeconds: 5,
      // Reads no item: its only permissions are the describe calls (infra/constructs/readiness-access.ts).
      tables: {},
      usesDataKey: false,
    },
    syntheticCheck: {
      logicalId: 'SyntheticCheckFunction',
      entry: 'functions/synthetic-check/handler.ts',
      description: 'Calls GET /health/ready and one authenticated read as a client does, and counts failures',
      memorySize: 256,
      timeoutSeconds: 30,
      tables: {},
      usesDataKey: false,
    },
    authorizer: {
      logicalId: 'ApiAuthorizerFunction',
      entry: 'functions/authorizer/handler.ts',
      description: "The API's Lambda authorizer: access tokens of the people's and the staff's user pools",
      memorySize: 256,
      timeoutSeconds: 5,
      tables: {},
      usesDataKey: false,
    },
  },
  routes: [
    { method: 'GET', path: '/v1/openapi.json', function: 'platform', caller: 'public' },
    { method: 'GET', path: '/health', function: 'platform', caller: 'public' },
    // Public, so throttled: its answer is cached for 10 s, a probe a second is plenty.
    { method: 'GET', path: '/health/ready', function: 'readiness', caller: 'public', throttle: { rateLimit: 2, burstLimit: 10 } },
    { method: 'GET', path: '/v1/synthetic-probe', function: 'platform', caller: 'machine', scopes: ['platform.probe'] },
    { method: 'PUT', path: '/v1/platform/active-people/{month}', function: 'platform', caller: 'person', roles: activePeopleReporterRoles },
    { method: 'GET', path: '/v1/platform/active-people/{month}', function: 'platform', caller: 'person', roles: activePeopleReporterRoles },
  ],
  jobs: {
    'synthetic-check': {
      function: 'syntheticCheck',
      schedule: 'rate(5 minutes)',
      description: 'Checks readiness and one authenticated read through the public endpoint, as a client would',
    },
  },
  eventRules: {},
} as const satisfies ContextManifest;

type PlatformRoute = (typeof platformManifest.routes)[number];

/** The routes one function of the context serves (each function's API handler takes its own). */
export const routesOfFunction = <F extends PlatformRoute['function']>(fn: F) => routesServedBy(platformManifest.routes, fn);
