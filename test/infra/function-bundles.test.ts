import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { functions, type FunctionDefinition, type FunctionName } from '#infra/manifest.ts';
import { houseBundlingOptions } from '#infra/bundling.ts';

/**
 * What each function's bundle holds, against what its manifest entry grants it. A function's role
 * and environment follow the manifest (stateless-stack.test.ts), and its code follows its imports:
 * these tests hold the two together, so that a function that publishes events has the permission
 * to, and one that only writes to an outbox carries neither the event publisher nor
 * `events:PutEvents`; likewise for the Encryption SDK and the data key.
 */

const projectRoot = path.resolve(fileURLToPath(import.meta.url), '../../..');
const names = Object.keys(functions) as FunctionName[];
/** Per function, the files and npm packages (by name) that left code in its bundle after tree shaking. */
const contents: Partial<Record<FunctionName, { files: Set<string>; packages: Set<string> }>> = {};

const contentsOf = (inputs: Record<string, { bytesInOutput: number }>) => {
  const files = Object.entries(inputs).flatMap(([file, { bytesInOutput }]) => (bytesInOutput > 0 ? [file] : []));
  return { files: new Set(files), packages: new Set(files.flatMap((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? [])) };
};

beforeAll(async () => {
  // Bundled as the house construct bundles them, in memory; in batches, so that esbuild's
  // workers do not hold every bundle at once.
  for (let i = 0; i < names.length; i += 8) {
    await Promise.all(
      names.slice(i, i + 8).map(async (name) => {
        const { metafile } = await build({
          ...houseBundlingOptions,
          minify: false,
          sourcemap: false,
          entryPoints: [path.join(projectRoot, (functions[name] as FunctionDefinition).entry)],
          absWorkingDir: projectRoot,
          outfile: path.join(projectRoot, '.bundle-check', name, 'index.mjs'),
          write: false,
          metafile: true,
        });
        contents[name] = contentsOf(Object.values(metafile.outputs)[0]!.inputs);
      }),
    );
  }
}, 170_000);

describe('each function bundle', () => {
  // The security audit reads the schedules and rules with an EventBridge client of its own: what
  // counts is the event publisher.
  it.each(names)('%s carries the event publisher exactly when its manifest lets it publish events', (name) => {
    const publishes = (functions[name] as FunctionDefinition).publishesEvents === true;
    expect(contents[name]!.files.has('shared/events/publisher.ts')).toBe(publishes);
  });

  it.each(names)('%s carries the stack-trace mapper (through its logger)', (name) => {
    expect(contents[name]!.files.has('shared/observability/stack-traces.ts')).toBe(true);
  });

  it.each(names)('%s carries the Encryption SDK exactly when its manifest gives it the data key', (name) => {
    const usesDataKey = (functions[name] as FunctionDefinition).usesDataKey;
    expect(contents[name]!.packages.has('@aws-crypto/encrypt-node')).toBe(usesDataKey);
  });

  // infra/bundling.ts; environment-credentials.test.ts shows the bundled client reading them.
  it.each(names)("%s takes its AWS credentials from the environment, without the SDK's default chain", (name) => {
    const { packages } = contents[name]!;
    const hasAwsClient = [...packages].some((p) => p.startsWith('@aws-sdk/client-'));
    expect(packages.has('@aws-sdk/credential-provider-env')).toBe(hasAwsClient);
    expect([...packages].filter((p) => /^@aws-sdk\/(credential-provider-(?!env$)|nested-clients$)/.test(p))).toEqual([]);
  });

  // shared/zod.ts: full zod would cost each API function about 60 KiB and 11 to 24 ms at start.
  it.each(names)("%s validates with zod's small build, never full zod", (name) => {
    expect([...contents[name]!.files].filter((file) => file.includes('node_modules/zod/v4/classic/'))).toEqual([]);
  });

  it("every function that reads requests answers their field errors in zod's English messages", () => {
    const readsRequests = names.filter((name) => contents[name]!.files.has('shared/http/request.ts'));
    const withoutMessages = readsRequests.filter(
      (name) => !contents[name]!.files.has('shared/zod.ts') || !contents[name]!.files.has('node_modules/zod/v4/locales/en.js'),
    );
    expect(readsRequests.length).toBeGreaterThan(10);
    expect(withoutMessages).toEqual([]);
  });

  // Every schema a bundle holds is built when the function starts. Nothing parses an answer, so
  // the answers' schemas (response-schemas.ts, response-schemas/) are for the OpenAPI document and
  // for types only; in complaints they were about a third of what the function built at start.
  it.each(names)("%s builds none of the answers' schemas", (name) => {
    expect([...contents[name]!.files].filter((file) => /(^|[/-])response-schemas([/]|\.ts$)/.test(file))).toEqual([]);
  });

  // The report's schema (about 150 schemas) is only turned into its JSON Schema, which
  // `npm run openapi` writes ahead, as it writes the OpenAPI document.
  it("the report pages serve the report's JSON Schema without building the report's schema", () => {
    const { files } = contents.transparencyReports!;
    expect(files.has('shared/transparency/http/report-json-schema.generated.ts')).toBe(true);
    expect(files.has('shared/transparency/http/report-schemas.ts')).toBe(false);
  });

  // The public pages are apart from comms' drafts: they read published versions only, so they
  // carry neither the compilation (the other contexts' stores) nor the drafts' use cases.
  it('the report pages carry neither the compilation nor the drafts, which the drafts function does', () => {
    const drafting = ['shared/transparency/wiring/report-compiler.ts', 'shared/transparency/use-cases/publish-report.ts', 'shared/security/store/incident-store.ts'];
    expect(drafting.filter((file) => contents.transparencyReports!.files.has(file))).toEqual([]);
    expect(drafting.filter((file) => contents.transparencyReportDrafts!.files.has(file))).toEqual(drafting);
    expect(contents.transparencyReportDrafts!.files.has('shared/transparency/http/report-html.ts')).toBe(false);
  });

  // The security programme's API once carried the schemas of incidents and education (about 250)
  // for one query of its figures.
  it("the security programme's API carries none of the schemas of incidents or education, which have functions of their own", () => {
    const { files } = contents.security!;
    expect(files.has('shared/security/http/schemas.ts')).toBe(true);
    expect([...files].filter((file) => /^shared\/security\/http\/(incident|education)-/.test(file))).toEqual([]);
  });

  // The readiness function is the one exception: it describes every table and reads none.
  it.each(names)('%s carries the DynamoDB client exactly when its manifest gives it a table, or it answers readiness', (name) => {
    const hasTables = Object.keys((functions[name] as FunctionDefinition).tables).length > 0;
    expect(contents[name]!.packages.has('@aws-sdk/client-dynamodb')).toBe(hasTables || name === 'readiness');
  });

  // Readiness's describe calls (and their SQS and KMS clients) are its own: the platform function,
  // which serves liveness and the OpenAPI document, carries neither those clients nor the checks.
  it('the platform function carries none of the readiness checks', () => {
    const { files, packages } = contents.platform!;
    expect(['@aws-sdk/client-kms', '@aws-sdk/client-sqs'].filter((name) => packages.has(name))).toEqual([]);
    expect(files.has('shared/platform/readiness.ts')).toBe(false);
    expect(contents.readiness!.files.has('shared/platform/readiness.ts')).toBe(true);
  });
});

/**
 * package.json declares the project's modules free of side effects on import, but for the ones it
 * lists, so that esbuild leaves out a module none of whose exports a function uses (the
 * notification sender and privacy read only event names and roles of some contexts: 15 and 18 KiB
 * of manifests). A module imported for its effect alone must be listed, or bundles would drop it.
 */
describe("package.json's sideEffects", () => {
  const sourceFiles = (folder: string): string[] =>
    readdirSync(path.join(projectRoot, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts'))
      .map((file) => path.join(folder, file));
  const importedForEffect = [...new Set(
    ['shared', 'functions'].flatMap(sourceFiles).flatMap((file) =>
      [...readFileSync(path.join(projectRoot, file), 'utf8').matchAll(/^import '([^']+)';$/gm)].map(([, specifier]) =>
        specifier!.startsWith('#shared/') ? `./shared/${specifier!.slice('#shared/'.length)}` : `./${path.join(path.dirname(file), specifier!)}`,
      ),
    ),
  )];

  it('lists exactly the modules imported for their effect alone', () => {
    const { sideEffects } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { sideEffects: string[] };
    expect(importedForEffect.length).toBeGreaterThan(0);
    expect([...sideEffects].sort()).toEqual([...importedForEffect].sort());
  });
});
