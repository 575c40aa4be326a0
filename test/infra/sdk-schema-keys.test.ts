import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sdkSchemaKeys, withLiteralTraitKeys } from '#infra/sdk-schema-keys.ts';
import { bundleSource, projectRoot } from './bundle-source.ts';

/**
 * The house's bundling loads the SDK's generated schemas with literal trait keys
 * (infra/sdk-schema-keys.ts) so that esbuild can shake out the operations a function never sends.
 * These tests hold it to changing nothing else: every installed client's schema module exports
 * the same values either way.
 */

const sdkFolder = path.join(projectRoot, 'node_modules/@aws-sdk');
const clients = readdirSync(sdkFolder).filter((name) => name.startsWith('client-'));
const schemaModuleOf = (client: string) => path.join(sdkFolder, client, 'dist-es/schemas/schemas_0.js');
/** A computed object key naming an identifier: what the rewrite leaves none of. */
const COMPUTED_KEY = /[{,]\s*\[_\w+\]\s*:/;

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'sdk-schema-keys-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Bundles `contents` (resolved from the project root) into an ESM file, with or without the plugin. */
const bundle = async (name: string, contents: string, plugins: Plugin[], minify = false) => {
  const { file } = await bundleSource({ contents, sourcefile: `${name}.js`, outDir: path.join(folder, name) }, { plugins, minify });
  return file;
};

/** A module's exports as text, each function (a schema's reference to another) by its source. */
const exportsAsText = (exports: Record<string, unknown>): string =>
  JSON.stringify(exports, (_key, value: unknown) => (typeof value === 'function' ? `function ${String(value)}` : value), 1);

describe('withLiteralTraitKeys', () => {
  const source = [
    'const _h = "http";',
    'const _hE = "httpError";',
    'const _m = "message";',
    'const _q = "quote \\" inside";',
    'export var SendEmail$ = [9, n0, _SE, { [_h]: ["POST", "/v2/email/outbound-emails", 200] }, () => SendEmailRequest$, () => SendEmailResponse$];',
    'export var BadRequestException$ = [-3, n0, _BRE, { [_e]: _c, [_hE]: 400 }, [_m], [0]];',
    'export var Quoted$ = [3, n0, _Q, {[_q]:1}, [_m], [0]];',
  ].join('\n');

  it.each([
    { case: 'an operation’s http trait', expected: '{ "http": ["POST", "/v2/email/outbound-emails", 200] }' },
    { case: 'a key after another', expected: '{ [_e]: _c, "httpError": 400 }' },
    { case: 'a constant with an escaped quote, no space around', expected: '{"quote \\" inside":1}' },
  ])('writes $case as a literal', ({ expected }) => {
    expect(withLiteralTraitKeys(source)).toContain(expected);
  });

  it('leaves array elements and keys naming no string constant of the file as they are', () => {
    // Act
    const rewritten = withLiteralTraitKeys(source);

    // Assess: `_e` is not defined in the sample; `[_m]` is a member list, not a key
    expect(rewritten).toContain('{ [_e]: _c,');
    expect(rewritten).toContain(', [_m], [0]];');
    expect(rewritten.split('\n').slice(0, 4)).toEqual(source.split('\n').slice(0, 4));
  });

  it('is idempotent', () => {
    const once = withLiteralTraitKeys(source);
    expect(withLiteralTraitKeys(once)).toBe(once);
  });
});

describe('each installed SDK client’s schemas, loaded through the plugin', () => {
  it('are some', () => {
    expect(clients).toEqual(expect.arrayContaining(['client-dynamodb', 'client-sesv2', 'client-securityhub']));
  });

  it.each(clients)('%s: no computed key naming a constant is left', (client) => {
    expect(withLiteralTraitKeys(readFileSync(schemaModuleOf(client), 'utf8'))).not.toMatch(COMPUTED_KEY);
  });

  it.each(clients)(
    '%s: export the same values as the module as shipped',
    async (client) => {
      // Prepare
      const entry = `export * from ${JSON.stringify(schemaModuleOf(client))};`;
      const shipped = await bundle(`${client}-shipped`, entry, []);
      const rewritten = await bundle(`${client}-literal`, entry, [sdkSchemaKeys]);

      // Act
      const [before, after] = await Promise.all([import(pathToFileURL(shipped).href), import(pathToFileURL(rewritten).href)]);

      // Assess
      expect(Object.keys(after).length).toBeGreaterThan(10);
      expect(exportsAsText(after)).toBe(exportsAsText(before));
    },
    30_000,
  );
});

describe('a function sending one SES command', () => {
  const entry = `import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
export const send = (input) => new SESv2Client({}).send(new SendEmailCommand(input));`;

  it('carries that operation’s schema, and no longer every other operation’s', async () => {
    // Act
    const [shipped, rewritten] = await Promise.all([
      bundle('ses-shipped', entry, [], true).then((file) => readFileSync(file, 'utf8')),
      bundle('ses-literal', entry, [sdkSchemaKeys], true).then((file) => readFileSync(file, 'utf8')),
    ]);

    // Assess
    expect(rewritten).toContain('/v2/email/outbound-emails');
    expect(shipped).toContain('/v2/email/contact-lists');
    expect(rewritten).not.toContain('/v2/email/contact-lists');
    expect(rewritten.length).toBeLessThan(shipped.length - 40 * 1024);
  });
});
