/**
 * One part of `npm run bench`, runnable alone (`npx tsx bench/run.ts <section> ...`): it measures,
 * returns the lines it prints, its targets and its raw figures for bench/results/*.json.
 */
interface SectionContext {
  projectRoot: string;
  /** A temporary directory of this run (bundles, keys), removed at the end. */
  workDir: string;
  log: (line: string) => void;
}

export interface SectionOutput {
  lines: string[];
  targets: Record<string, unknown>;
  /** Raw figures, keyed as they appear in the results file. */
  results: Record<string, unknown>;
  /** Settings of the run (sample counts), merged into the results file's `meta`. */
  meta: Record<string, unknown>;
}

export type Section = (context: SectionContext) => Promise<SectionOutput>;
