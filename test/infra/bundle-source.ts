import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { BUNDLE_FILE, houseBundlingOptions } from '#infra/bundling.ts';

/** The repository root: a bundled source's imports resolve from there, as a function's entry's do. */
export const projectRoot = path.resolve(fileURLToPath(import.meta.url), '../../..');

/**
 * Bundles `contents` the house's way (infra/bundling.ts), as if it were the file `sourcefile` of
 * the project, into `<outDir>/index.mjs`, and returns that file and the inputs that went into it.
 * No source map unless `options` asks for one; `options` is for what a test changes.
 */
export const bundleSource = async (source: { contents: string; sourcefile: string; outDir: string }, options: BuildOptions = {}) => {
  const file = path.join(source.outDir, BUNDLE_FILE);
  const { metafile } = await build({
    ...houseBundlingOptions,
    sourcemap: false,
    ...options,
    metafile: true,
    stdin: { contents: source.contents, sourcefile: source.sourcefile, resolveDir: projectRoot, loader: source.sourcefile.endsWith('.js') ? 'js' : 'ts' },
    absWorkingDir: projectRoot,
    outfile: file,
  });
  return { file, inputs: Object.keys(metafile.inputs) };
};
