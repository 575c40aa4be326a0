/** Plain-text tables: one header row, a rule, left-aligned text and right-aligned figures. */

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export const formatTable = (columns: readonly Column[], rows: readonly (readonly string[])[]): string => {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    columns
      .map((c, i) => (c.align === 'right' ? (cells[i] ?? '').padStart(widths[i]!) : (cells[i] ?? '').padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

export const fixed = (value: number, digits = 1): string => value.toFixed(digits);
export const kib = (bytes: number): string => (bytes / 1024).toFixed(1);
export const thousands = (value: number): string => value.toLocaleString('en-GB');
