import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Stack traces that name the TypeScript sources, paid for only when a stack is formatted.
 *
 * Every function creates its logger from `./logger.ts`, which loads this module, so every bundle
 * carries it and `import.meta.url` is the bundle itself. Node's `--enable-source-maps` would read
 * and parse the bundle's whole source map before the first line of the function runs, on every
 * cold start (measured with Node 20: 19 ms for the baseline bundle, 28 ms for the complaints
 * function, 56 ms for the report pages). Here the map is read on the first stack trace formatted
 * instead, usually never. Each frame in the bundle keeps V8's own text (async, new, the function's
 * name) with its place in the bundle replaced by its place in the source. Without a readable map,
 * or on any surprise, frames stay as V8 wrote them: formatting a stack must never throw.
 *
 * Only a bundle with its map beside it is mapped here. Unbundled (the tests, `npm start`), tsx and
 * vitest map stack traces themselves, and node does when it runs with `--enable-source-maps`:
 * this module then changes nothing.
 */
const bundleUrl = import.meta.url;
const mapFile = `${fileURLToPath(bundleUrl)}.map`;
let sourceMap: SourceMap | null | undefined;

const loadSourceMap = (): SourceMap | null => {
  if (sourceMap === undefined) {
    try {
      sourceMap = new SourceMap(JSON.parse(readFileSync(mapFile, 'utf8')));
    } catch {
      sourceMap = null;
    }
  }
  return sourceMap;
};

const frameText = (frame: NodeJS.CallSite): string => {
  const text = frame.toString();
  const line = frame.getLineNumber();
  const column = frame.getColumnNumber();
  if (frame.getFileName() !== bundleUrl || line === null || column === null) return text;
  const entry = loadSourceMap()?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return text;
  // The map names sources from the bundle's build folder (`../../../<checkout>/shared/…`): a
  // frame reads from the project's own folder, or from `node_modules/`.
  const source = entry.originalSource.replace(/^(?:\.\.\/)+/, '').replace(/^.*?\/(?=(?:shared|functions|node_modules)\/)/, '');
  return text.replace(`${bundleUrl}:${line}:${column}`, `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`);
};

/** The first line as V8 writes it: `name: message` by the spec's rule, never a custom toString. */
const errorHeader = (error: Error): string => {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
};

const mappedStackTrace = (error: Error, frames: NodeJS.CallSite[]): string => {
  const header = errorHeader(error);
  try {
    return [header, ...frames.map((frame) => `    at ${frameText(frame)}`)].join('\n');
  } catch {
    return [header, ...frames.map((frame) => `    at ${frame}`)].join('\n');
  }
};

if (!process.sourceMapsEnabled && existsSync(mapFile)) Error.prepareStackTrace = mappedStackTrace;
