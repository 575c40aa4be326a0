import { describe, expect, it } from 'vitest';
import { barChartSvg, fittedLabel, labelWidth, valueAxis } from '#shared/transparency/http/report-charts.ts';

/** Each bar of a chart as its left edge, right edge and vertical middle, read back from its path. */
const barsOf = (svg: string) =>
  [...svg.matchAll(/<path d="M([\d.]+) ([\d.]+)H([\d.]+)V([\d.]+)H[\d.]+Z" fill="#1f5fa8"\/>/g)].map(([, left, top, right, bottom]) => ({
    left: Number(left),
    width: Number(right) - Number(left),
    middle: (Number(top) + Number(bottom)) / 2,
  }));

/** The text of every label, in the order written. */
const textsOf = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map(([, content]) => content);

describe('report charts', () => {
  it.each([
    { largest: 12, top: 15, step: 5 },
    { largest: 10, top: 10, step: 2 },
    { largest: 3, top: 3, step: 1 },
    { largest: 1, top: 1, step: 1 },
    { largest: 0, top: 1, step: 1 },
    { largest: 480, top: 500, step: 100 },
    { largest: 1234, top: 1500, step: 500 },
  ])('gives counts up to $largest a round axis to $top in steps of $step', ({ largest, top, step }) => {
    expect(valueAxis(largest, false)).toEqual({ top, step });
  });

  it('runs shares from 0 to 100% whatever their values', () => {
    expect(valueAxis(0.42, true)).toEqual({ top: 1, step: 0.2 });
    const svg = barChartSvg('Score', [{ label: '2026-10', value: 0.91 }], { percent: true });
    expect(textsOf(svg)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%', '2026-10', '91.0%']);
  });

  it('draws bars from the same axis, their lengths in proportion to their values, one row each in order', () => {
    const svg = barChartSvg('Notices by category', [
      { label: 'Scams', value: 12 },
      { label: 'Spam', value: 3 },
      { label: 'Other', value: 6 },
    ]);
    const bars = barsOf(svg);

    expect(bars).toHaveLength(3);
    expect(new Set(bars.map((bar) => bar.left)).size).toBe(1);
    expect(bars[1]!.width / bars[0]!.width).toBeCloseTo(3 / 12, 6);
    expect(bars[2]!.width / bars[0]!.width).toBeCloseTo(6 / 12, 6);
    expect(bars.map((bar) => bar.middle)).toEqual([...bars.map((bar) => bar.middle)].sort((a, b) => a - b));
    expect(textsOf(svg)).toEqual(['0', '5', '10', '15', 'Scams', '12', 'Spam', '3', 'Other', '6']);
  });

  it('draws no bar for a value that is not known, and labels it with a dash', () => {
    const svg = barChartSvg('Appeal outcomes', [
      { label: 'Upheld', value: 2 },
      { label: 'Reversed', value: null },
    ]);
    expect(barsOf(svg)).toHaveLength(1);
    expect(textsOf(svg).slice(-2)).toEqual(['Reversed', '–']);
  });

  it('names the chart for assistive technology and escapes every text it writes', () => {
    const svg = barChartSvg('Q&A <b>"x"</b>', [{ label: '<script>alert(1)</script>', value: 1 }]);
    expect(svg).toMatch(/^<svg role="img" aria-label="Q&amp;A &lt;b&gt;&quot;x&quot;&lt;\/b&gt;" class="chart" /);
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('grows a row per bar and keeps one row of height when there is none', () => {
    const heightOf = (svg: string) => Number(/height="(\d+)"/.exec(svg)![1]);
    const one = heightOf(barChartSvg('a', [{ label: 'x', value: 1 }]));
    const three = heightOf(barChartSvg('a', ['x', 'y', 'z'].map((label) => ({ label, value: 1 }))));
    expect(heightOf(barChartSvg('a', []))).toBe(one);
    expect(three - one).toBe(2 * 44);
  });

  it('counts an ideograph a full em and cuts a label too wide for its room with an ellipsis', () => {
    expect(labelWidth('统计')).toBe(24);
    expect(labelWidth('ab')).toBeCloseTo(14.4, 6);
    expect(fittedLabel('Short', 100)).toBe('Short');
    const cut = fittedLabel('Statement category illegal or harmful speech about a protected group', 200);
    expect(cut).toBe('Statement category illegal…');
    expect(labelWidth(cut)).toBeLessThanOrEqual(200);
    const long = 'A very long category label that would run off the chart to the left';
    expect(textsOf(barChartSvg('a', [{ label: long, value: 1 }]))).toContain(fittedLabel(long, 256));
  });
});
