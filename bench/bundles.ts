import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { BUNDLE_FILE, bundleFunction } from '../infra/bundling.ts';

/** The reference both the load and the cold-start benches compare with (a DynamoDB client, one PutItem). */
export const BASELINE_ENTRY = 'bench/entries/baseline.ts';

export interface Bundle {
  name: string;
  /** Entry file, relative to the repository root. */
  entry: string;
  /** The bundled `index.mjs`, as Lambda would load it. */
  file: string;
  bytes: number;
  mapBytes: number;
  /** Bytes in the bundle per package (or per source folder), biggest first. */
  inputs: { input: string; bytes: number }[];
}

/** Bundles one entry into `<outRoot>/<name>/index.mjs`, the file the house construct deploys. */
export const bundleEntry = async (options: {
  name: string;
  entry: string;
  projectRoot: string;
  outRoot: string;
  /**
   * Bundle the SDK as its packages ship it, without the house's aliases and schema plugin: how the
   * references the targets are measured against (the baseline, the cipher floor) have been
   * bundled all along.
   */
  sdkAsShipped?: boolean;
}): Promise<Bundle> => {
  const outDir = path.join(options.outRoot, options.name);
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, BUNDLE_FILE);
  const { metafile } = await bundleFunction({
    projectRoot: options.projectRoot,
    entry: options.entry,
    outDir,
    ...(options.sdkAsShipped && { overrides: { alias: {}, plugins: [] } }),
  });
  return {
    name: options.name,
    entry: options.entry,
    file,
    bytes: (await stat(file)).size,
    mapBytes: (await stat(`${file}.map`)).size,
    inputs: bytesByPackage(metafile),
  };
};

/** Groups the bundle's inputs by npm package, or by `<dir>/<subdir>` for the project's own code. */
const bytesByPackage = (metafile: Metafile): Bundle['inputs'] => {
  const output = Object.values(metafile.outputs).find((o) => o.entryPoint !== undefined);
  if (!output) throw new Error('esbuild metafile has no entry output');
  const totals = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const key = packageOf(input);
    totals.set(key, (totals.get(key) ?? 0) + bytesInOutput);
  }
  return [...totals]
    .map(([input, bytes]) => ({ input, bytes }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
};

const packageOf = (input: string): string => {
  const marker = 'node_modules/';
  const at = input.lastIndexOf(marker);
  if (at === -1) return input.split('/').slice(0, 2).join('/');
  const parts = input.slice(at + marker.length).split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
};
