import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { type ReportCell, type ReportPart, type ReportPartId, reportPart, reportParts } from '#shared/transparency/domain/report-parts.ts';

/**
 * The report as CSV (RFC 4180: CRLF line ends; a field holding a comma, a quote or a line break
 * is quoted, its quotes doubled), laid out like the parts of the 2024/2835 quantitative template:
 * a header row of the template's headings, then one row per category. Empty fields are figures
 * that do not apply or could not be measured (null in the JSON).
 */

const CRLF = '\r\n';

const field = (value: ReportCell['value']): string => {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const line = (values: ReportCell['value'][]) => values.map(field).join(',');

/** The part's header row and rows, each padded with empty fields to `width`. */
const partLines = (part: ReportPart, width: number) => {
  const pad = (values: ReportCell['value'][]) => [...values, ...Array<string>(Math.max(0, width - values.length)).fill('')];
  return [line(pad(part.columns)), ...part.rows.map((row) => line(pad(row.map((cell) => cell.value))))];
};

/** One part as its own CSV file: the header row, then its rows. */
export const partCsv = (version: ReportVersion, id: ReportPartId): string => {
  const part = reportPart(version, id);
  return partLines(part, part.columns.length).join(CRLF) + CRLF;
};

/**
 * Every part in one file: each part's header row, then its rows, each line led by the part's id
 * (the header rows by `part`). Lines are padded with empty fields to the widest part, so that
 * every record has the same number of fields.
 */
export const reportCsv = (version: ReportVersion): string => {
  const parts = reportParts(version);
  const width = 1 + Math.max(...parts.map((part) => part.columns.length));
  const lines = parts.flatMap((part) => {
    const [header = '', ...rows] = partLines(part, width - 1);
    return [`part,${header}`, ...rows.map((row) => `${field(part.id)},${row}`)];
  });
  return lines.join(CRLF) + CRLF;
};
