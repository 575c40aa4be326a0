import { execFile } from 'node:child_process';
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { houseBundlingOptions } from '#infra/bundling.ts';
import { bundleSource } from './bundle-source.ts';

/**
 * A function's stack traces name its TypeScript sources, though node runs without
 * `--enable-source-maps`: every function's logger loads shared/observability/stack-traces.ts,
 * which reads the bundle's source map when a stack is first formatted. A handler with a logger,
 * bundled as the house construct bundles it, throws in a fresh node; its stack is checked with the
 * map, with the map taken away after loading, and without any map.
 */

const run = promisify(execFile);

/** The source of a handler whose helper throws, bundled as `functions/throwing/handler.ts`. */
const HANDLER = `import { createLogger } from '#shared/observability/logger.ts';
export const handler = async () => {
  const parse = (text: string) => {
    throw new Error('cannot parse ' + text);
  };
  createLogger('throwing').debug('parsing');
  return parse('x');
};
class LateError extends Error {
  override toString() {
    return 'not the header';
  }
}
export const headers = () => {
  const plain = { name: 'Timeout', message: 'too late' } as { name: string; message: string; stack?: string };
  Error.captureStackTrace(plain);
  const bare = {} as { stack?: string };
  Error.captureStackTrace(bare);
  return [new LateError('late').stack, plain.stack, bare.stack].map((stack) => String(stack).split('\\n')[0]);
};
`;

/** Loads the bundle, runs `beforeCall` (code), calls the handler and prints the error's stack. */
const stackOf = async (bundle: string, beforeCall = ''): Promise<string> => {
  const script = `const mod = await import(${JSON.stringify(pathToFileURL(bundle).href)});
${beforeCall}
try { await mod.handler(); } catch (error) { console.log(error.stack); }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '' } });
  return stdout.trim();
};

let folder: string;
const bundleIn = async (name: string): Promise<string> => {
  // With the source map beside it, as the house bundles a function.
  const { file } = await bundleSource(
    { contents: HANDLER, sourcefile: 'functions/throwing/handler.ts', outDir: path.join(folder, name) },
    { sourcemap: houseBundlingOptions.sourcemap },
  );
  return file;
};

beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'upp-stack-traces-'));
});

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('stack traces of a bundled function', () => {
  it('name the source file, line and column of each frame in the bundle', async () => {
    // Prepare
    const bundle = await bundleIn('mapped');

    // Act
    const stack = await stackOf(bundle);

    // Assess: the throw is on line 4, column 11 of the source, named from the project's folder
    // (not the checkout's); the handler's frame is in the source too (minified code maps a call to
    // the nearest place the map records).
    const lines = stack.split('\n');
    expect(lines[0]).toBe('Error: cannot parse x');
    expect(lines[1]).toMatch(/^ {4}at (\S+ \()?functions\/throwing\/handler\.ts:4:11\)?$/);
    expect(lines[2]).toMatch(/^ {4}at \S+ \(functions\/throwing\/handler\.ts:\d+:\d+\)$/);
    expect(stack).not.toContain('index.mjs');
  });

  it('begin as V8 begins them, whatever the thrown object', async () => {
    // Prepare
    const bundle = await bundleIn('headers');

    // Act
    const script = `const mod = await import(${JSON.stringify(pathToFileURL(bundle).href)}); console.log(JSON.stringify(mod.headers()));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '' } });

    // Assess: an error's own toString is not used; an object's name and message are; a bare object is an Error.
    expect(JSON.parse(stdout)).toEqual(['Error: late', 'Timeout: too late', 'Error']);
  });

  it('read the source map when a stack is formatted, not when the bundle loads', async () => {
    // Prepare
    const bundle = await bundleIn('map-moved-after-load');

    // Act: the map is moved away once the bundle has loaded.
    const stack = await stackOf(bundle, `(await import('node:fs')).renameSync(${JSON.stringify(`${bundle}.map`)}, ${JSON.stringify(`${bundle}.moved`)});`);

    // Assess: nothing had read it, so the frames stay in the bundle.
    expect(stack.split('\n')[0]).toBe('Error: cannot parse x');
    expect(stack).toContain(`${pathToFileURL(bundle).href}:`);
    expect(stack).not.toContain('handler.ts');
  });

  it('keep the frames as V8 writes them when there is no source map', async () => {
    // Prepare
    const bundle = await bundleIn('no-map');
    renameSync(`${bundle}.map`, `${bundle}.gone`);

    // Act
    const stack = await stackOf(bundle);

    // Assess
    const lines = stack.split('\n');
    expect(lines[0]).toBe('Error: cannot parse x');
    expect(lines.slice(1, 3).every((line) => line.startsWith('    at ') && line.includes(`${pathToFileURL(bundle).href}:`))).toBe(true);
  });
});
