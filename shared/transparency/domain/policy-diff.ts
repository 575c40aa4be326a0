import { structuredPatch } from 'diff';

/** One line of a hunk: unchanged (shown for context), removed from the older text, or added in the newer. */
interface DiffLine {
  op: 'context' | 'removed' | 'added';
  text: string;
}

/** A run of changes with a few unchanged lines around it, numbered as in each text (1-based). */
export interface DiffHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** Unchanged lines shown around each change. */
const CONTEXT_LINES = 3;

const opOf = { ' ': 'context', '-': 'removed', '+': 'added' } as const;

/** Without it, an unchanged last line would differ from the same line followed by more text. */
const withFinalNewline = (text: string) => (text.endsWith('\n') ? text : `${text}\n`);

/**
 * The line diff of two texts (jsdiff's structured patch, as `diff -u` would show it) as hunks
 * of typed lines; no hunk when the texts are the same. Whether a text ends with a newline is no
 * change a reader of a policy cares about: both are compared as if they did.
 */
export const diffPolicyText = (older: string, newer: string): DiffHunk[] =>
  structuredPatch('older', 'newer', withFinalNewline(older), withFinalNewline(newer), undefined, undefined, { context: CONTEXT_LINES }).hunks.map((hunk) => ({
    oldStart: hunk.oldStart,
    oldLines: hunk.oldLines,
    newStart: hunk.newStart,
    newLines: hunk.newLines,
    lines: hunk.lines.flatMap((line) => {
      const op = opOf[line.charAt(0) as keyof typeof opOf];
      return op ? [{ op, text: line.slice(1) }] : [];
    }),
  }));
