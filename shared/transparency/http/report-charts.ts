import { BarChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * Bar charts of the report as inline SVG, drawn on the server by Apache ECharts (its server-side
 * rendering needs no DOM): the page shows them without running any script. Only the pieces used
 * are registered, to keep the function's bundle small.
 */
echarts.use([BarChart, GridComponent, SVGRenderer]);

export interface ChartBar {
  label: string;
  value: number | null;
}

const WIDTH = 640;
const ROW_HEIGHT = 28;
const MARGIN = 48;

const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A horizontal bar chart of `bars` as an SVG element named `title` for assistive technology (the
 * table beside it carries the same numbers). `percent` shows values between 0 and 1 as percentages.
 */
export const barChartSvg = (title: string, bars: ChartBar[], options: { percent?: boolean } = {}): string => {
  const height = MARGIN * 2 + ROW_HEIGHT * Math.max(bars.length, 1);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 48, top: 24, bottom: 24 },
      xAxis: {
        type: 'value',
        ...(options.percent && { min: 0, max: 1, axisLabel: { formatter: (value: number) => `${Math.round(value * 100)}%` } }),
      },
      yAxis: { type: 'category', inverse: true, data: bars.map((bar) => bar.label), axisLabel: { color: '#222' } },
      series: [
        {
          type: 'bar',
          data: bars.map((bar) => bar.value ?? 0),
          itemStyle: { color: '#1f5fa8' },
          label: {
            show: true,
            position: 'right',
            color: '#222',
            formatter: ({ value }: { value: number }) => (options.percent ? `${(value * 100).toFixed(1)}%` : String(value)),
          },
        },
      ],
    });
    const svg = chart.renderToSVGString();
    return svg.replace('<svg ', `<svg role="img" aria-label="${escapeAttribute(title)}" class="chart" `);
  } finally {
    chart.dispose();
  }
};
