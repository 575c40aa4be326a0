import { escapeHtml } from '#shared/http/html.ts';

/**
 * Horizontal bar charts of the report as inline SVG, written on the server: the page shows them
 * without running any script, and each sits beside a table of the same numbers. A chart is a
 * handful of rectangles and labels, so it is written here directly: Apache ECharts drew the same
 * charts but was 490 KiB of the report pages' 1 MiB bundle, parsed at every cold start.
 */

export interface ChartBar {
  label: string;
  value: number | null;
}

const WIDTH = 640;
const ROW_HEIGHT = 44;
const BAR_HEIGHT = 30;
const TOP = 24;
const BOTTOM = 28;
const FONT_SIZE = 12;
/** Room right of the longest bar for its value's label. */
const VALUE_ROOM = 48;
const GAP = 8;
const BAR_COLOUR = '#1f5fa8';
const TEXT_COLOUR = '#222';
const AXIS_COLOUR = '#54555a';
const GRID_COLOUR = '#dbdee4';
/** The most of the width the category labels may take. */
const LABEL_SHARE = 0.4;
/** How many steps the value axis is cut into, about. */
const STEPS = 5;

/**
 * The width a label takes at the chart's font size, estimated: an SVG written on the server
 * cannot measure text, so ideographs count a full em and other characters 0.6 of one.
 */
export const labelWidth = (label: string): number =>
  [...label].reduce((width, character) => width + ((character.codePointAt(0) ?? 0) >= 0x2e80 ? FONT_SIZE : FONT_SIZE * 0.6), 0);

/** A label cut to `room` with an ellipsis when it is wider (the table beside the chart has it whole). */
export const fittedLabel = (label: string, room: number): string => {
  if (labelWidth(label) <= room) return label;
  const characters = [...label];
  while (characters.length > 0 && labelWidth(`${characters.join('')}…`) > room) characters.pop();
  return `${characters.join('').trimEnd()}…`;
};

/**
 * The value axis of counts: from 0 to a round top, in whole steps of 1, 2 or 5 times a power of
 * ten. Shares always run from 0 to 100% in steps of 20%.
 */
export const valueAxis = (largest: number, percent: boolean): { top: number; step: number } => {
  if (percent) return { top: 1, step: 0.2 };
  if (largest <= 0) return { top: 1, step: 1 };
  const rough = largest / STEPS;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, ([1, 2, 5, 10].find((factor) => factor * magnitude >= rough) ?? 10) * magnitude);
  return { top: Math.ceil(largest / step) * step, step };
};

/** A number without floating-point noise (0.6000000000000001 → 0.6), for positions and tick labels. */
const clean = (value: number): number => Number(value.toPrecision(12));

const text = (x: number, y: number, anchor: 'start' | 'middle' | 'end', content: string, colour = TEXT_COLOUR) =>
  `<text x="${clean(x)}" y="${clean(y)}" text-anchor="${anchor}" dominant-baseline="central" font-family="sans-serif" font-size="${FONT_SIZE}" fill="${colour}">${escapeHtml(content)}</text>`;

/**
 * A horizontal bar chart of `bars` as an SVG element named `title` for assistive technology (the
 * table beside it carries the same numbers). `percent` shows values between 0 and 1 as
 * percentages. A value that is not known draws no bar and is labelled with a dash.
 */
export const barChartSvg = (title: string, bars: ChartBar[], options: { percent?: boolean } = {}): string => {
  const percent = options.percent === true;
  const height = TOP + BOTTOM + ROW_HEIGHT * Math.max(bars.length, 1);
  const labelRoom = WIDTH * LABEL_SHARE;
  const labelsRight = GAP + Math.min(Math.max(0, ...bars.map((bar) => labelWidth(bar.label))), labelRoom);
  const left = labelsRight + GAP;
  const plotWidth = WIDTH - left - VALUE_ROOM;
  const axisBottom = height - BOTTOM;
  const { top, step } = valueAxis(Math.max(0, ...bars.map((bar) => bar.value ?? 0)), percent);
  const xOf = (value: number) => left + (plotWidth * Math.min(Math.max(value, 0), top)) / top;

  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, index) => clean(index * step));
  const grid = ticks.map((tick) => `<path d="M${clean(xOf(tick))} ${TOP}V${axisBottom}" stroke="${GRID_COLOUR}" fill="none"/>`);
  const tickLabels = ticks.map((tick) => text(xOf(tick), axisBottom + BOTTOM / 2, 'middle', percent ? `${Math.round(tick * 100)}%` : String(tick), AXIS_COLOUR));
  const rows = bars.map((bar, index) => {
    const middle = TOP + ROW_HEIGHT * (index + 0.5);
    const label = text(labelsRight, middle, 'end', fittedLabel(bar.label, labelRoom));
    if (bar.value === null) return label + text(left + GAP / 2, middle, 'start', '–');
    const end = xOf(bar.value);
    const shown = percent ? `${(bar.value * 100).toFixed(1)}%` : String(bar.value);
    return (
      label +
      `<path d="M${clean(left)} ${clean(middle - BAR_HEIGHT / 2)}H${clean(end)}V${clean(middle + BAR_HEIGHT / 2)}H${clean(left)}Z" fill="${BAR_COLOUR}"/>` +
      text(end + GAP / 2, middle, 'start', shown)
    );
  });
  const axis = `<path d="M${clean(left)} ${TOP}V${axisBottom}" stroke="${AXIS_COLOUR}" fill="none"/>`;
  return (
    `<svg role="img" aria-label="${escapeHtml(title)}" class="chart" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" xmlns="http://www.w3.org/2000/svg">` +
    `${grid.join('')}${axis}${tickLabels.join('')}${rows.join('')}</svg>`
  );
};
