// @ts-check
/**
 * Architecture rules of the house (README, "Architecture"), checked by `npm run arch`.
 *
 * A bounded context is a folder `shared/<context>/` with a `manifest.ts`. The list below adds the
 * contexts' known names, so that a context is covered while its folder is being created or renamed.
 * `shared/platform/` (the platform's own endpoints) composes every context's OpenAPI paths, so it
 * may import the contexts' `index.ts` and their `http/openapi.ts`. Everything else under `shared/`
 * is the platform code: it imports no context.
 */
const { existsSync, readFileSync, readdirSync } = require('node:fs');
const { join } = require('node:path');

const knownContexts = [
  'complaints',
  'customer-service',
  'moderation',
  'surveys',
  'notifications',
  'security',
  'transparency',
  'privacy',
];
const composers = ['platform'];
const contextsOnDisk = readdirSync(join(__dirname, 'shared'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(__dirname, 'shared', entry.name, 'manifest.ts')))
  .map((entry) => entry.name)
  .filter((name) => !composers.includes(name));
const contexts = [...new Set([...knownContexts, ...contextsOnDisk])].sort();
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `shared/<any context>/`, with the context's name as the first capture group. */
const aContext = `^shared/(${contexts.map(escape).join('|')})/`;
/** The same, without a capture group, for `to` and `pathNot`. */
const anyContext = `^shared/(?:${contexts.map(escape).join('|')})/`;
const aComposer = `^shared/(?:${composers.join('|')})/`;
/**
 * A context's wiring: `wiring.ts`, or one module per function (`wiring/<function>.ts` or
 * `<function>-wiring.ts`) so that each bundle pulls only what its function uses.
 */
const wiringOf = (context) => `^shared/${context}/(?:wiring\\.ts|wiring/[^/]+\\.ts|[^/]+-wiring\\.ts)$`;

/**
 * Which context each function belongs to, read from the `entry: 'functions/<fn>/handler.ts'` of
 * the manifests (shared/platform/ included, as it declares the platform function).
 */
const contextOfFunction = Object.fromEntries(
  [...contextsOnDisk, 'platform'].flatMap((context) => {
    const manifest = join(__dirname, 'shared', context, 'manifest.ts');
    if (!existsSync(manifest)) return [];
    const entries = readFileSync(manifest, 'utf8').matchAll(/entry:\s*'functions\/([^/']+)\/handler\.ts'/g);
    return [...entries].map(([, functionName]) => [functionName, context]);
  }),
);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'runtime-imports-no-infra',
      comment:
        'Runtime code (shared/, functions/) never imports infra/: the contexts declare plain-data manifests ' +
        'and infra/manifest.ts composes them, not the other way round.',
      severity: 'error',
      from: { path: '^(?:shared|functions)/' },
      to: { path: '^infra/' },
    },
    {
      name: 'platform-imports-no-context',
      comment:
        'The platform code (aws, auth, http, crypto, events, figures, config, clock, time, ids, errors, ' +
        'idempotency, observability, jobs, manifest, pagination, retry-on-conflict) imports no bounded context. ' +
        'Only shared/platform/ composes the contexts (the OpenAPI document of the whole API).',
      severity: 'error',
      from: { path: '^shared/', pathNot: [anyContext, aComposer] },
      to: { path: anyContext },
    },
    {
      name: 'composers-use-context-index',
      comment:
        'shared/platform/ reaches a context through its index.ts, or its http/openapi.ts for the paths of the ' +
        "document (were the paths in index.ts, every context using another's index would load its API schemas).",
      severity: 'error',
      from: { path: aComposer },
      to: { path: anyContext, pathNot: [`${anyContext}index\\.ts$`, `${anyContext}http/openapi\\.ts$`] },
    },
    {
      name: 'domain-imports-no-adapter',
      comment:
        "A context's domain/ is pure: no store/, http/, use-cases/ or wiring of its context, no platform " +
        'adapter (#shared/http/*, #shared/aws/*, #shared/crypto/*, #shared/config.ts) and no AWS SDK, ' +
        'Encryption SDK, Powertools or middy.',
      severity: 'error',
      from: { path: `${aContext}domain/` },
      to: {
        path: [
          '^shared/$1/(?:store|http|use-cases)/',
          wiringOf('$1'),
          '^shared/(?:http|aws|crypto|observability|jobs|platform)/',
          '^shared/(?:config|idempotency)\\.ts$',
          'node_modules/(?:@aws-sdk|@aws-crypto|@aws-lambda-powertools|@middy|zod-openapi)/',
        ],
      },
    },
    {
      name: 'context-uses-other-context-index',
      comment:
        "A context imports another context only through that context's index.ts (its published events, " +
        "query ports and OpenAPI paths), or its part in people's rights over their data: wiring/personal-data.ts " +
        '(its holder of personal data) and http/data-export-schema.ts (the schema of its section of an export), ' +
        "which only the privacy functions load (were they in index.ts, every function using another's index would).",
      severity: 'error',
      from: { path: aContext },
      to: {
        path: anyContext,
        pathNot: ['^shared/$1/', `${anyContext}index\\.ts$`, `${anyContext}http/data-export-schema\\.ts$`, `${anyContext}wiring/personal-data\\.ts$`],
      },
    },
    {
      name: 'function-folders-independent',
      comment: 'No function folder imports another: what two functions share lives in their context under shared/.',
      severity: 'error',
      from: { path: '^functions/([^/]+)/' },
      to: { path: '^functions/', pathNot: '^functions/$1/' },
    },
    {
      name: 'handler-imports-only-wiring',
      comment:
        "functions/<fn>/handler.ts is the one-line Lambda entry: it imports only its context's wiring " +
        '(wiring.ts, wiring/<function>.ts or <function>-wiring.ts), which builds everything from the environment.',
      severity: 'error',
      from: {
        path: '^functions/[^/]+/handler\\.ts$',
        // Handlers that a manifest declares are checked against their own context by the next rules.
        pathNot: Object.keys(contextOfFunction).map((functionName) => `^functions/${escape(functionName)}/handler\\.ts$`),
      },
      to: { pathNot: wiringOf(`(?:${[...contexts, 'platform'].map(escape).join('|')})`) },
    },
    // One rule per function that a manifest declares: its handler imports that context's wiring only.
    ...Object.entries(contextOfFunction).map(([functionName, context]) => ({
      name: 'handler-imports-its-own-context',
      comment: `functions/${functionName}/ belongs to shared/${context}/ (its manifest declares it): its handler imports that context's wiring.`,
      severity: 'error',
      from: { path: `^functions/${escape(functionName)}/handler\\.ts$` },
      to: { pathNot: wiringOf(escape(context)) },
    })),
    {
      name: 'function-folder-holds-only-the-handler',
      comment:
        'A function folder holds handler.ts only; every other file belongs to its context under shared/.',
      severity: 'error',
      from: { path: '^functions/[^/]+/', pathNot: '^functions/[^/]+/handler\\.ts$' },
      to: {},
    },
    {
      name: 'no-circular',
      comment:
        'No circular dependencies at run time: a cycle means two modules cannot be understood, loaded or ' +
        'tested apart (a cycle closed only by type imports is erased at compile time: see the next rule).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-circular-types',
      comment:
        'A cycle closed by a type import costs nothing at run time but still ties two modules together: ' +
        'move the shared type to the module that owns it. Reported as a warning.',
      severity: 'warn',
      from: {},
      to: { circular: true, via: { dependencyTypes: ['type-only'] } },
    },
    {
      name: 'runtime-imports-no-dev-dependency',
      comment:
        'Lambda bundles hold only dependencies: shared/ and functions/ import no devDependency ' +
        '(type-only imports, e.g. of @types/aws-lambda, vanish at compile time and are allowed).',
      severity: 'error',
      from: { path: '^(?:shared|functions)/' },
      to: {
        dependencyTypes: ['npm-dev'],
        dependencyTypesNot: ['type-only'],
        pathNot: 'node_modules/@types/',
      },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'Every import resolves (relative, #shared/*, #infra/* or a package in package.json); ' +
        'this also guards that the rules above see the real targets of the aliases.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-undeclared-package',
      comment: 'A package that is imported is declared in package.json (not only present as a transitive dependency).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^cdk\\.out/', '^\\.local/', '^bench/results/'] },
    // Type-only imports count: a domain that imports an adapter's types still depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // The #shared/* and #infra/* aliases are package.json subpath imports
    // (reported as 'aliased-subpath-import'); enhanced-resolve reads the "imports" field.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
