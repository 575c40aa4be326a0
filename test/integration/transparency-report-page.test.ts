import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { openBrowser, type PageRequest, seriousAccessibilityViolations, serveOnLoopback, withoutJavaScript } from '../support/browser.ts';
import { publishedReport } from '../support/published-report.ts';
import type { TransparencyReportsHarness } from '../support/transparency-reports-harness.ts';

/**
 * The public page of a published report in headless Chromium (Debian's package, driven by
 * playwright-core), served by the reports function itself behind a loopback HTTP server: the page
 * renders, its charts draw, every number it shows is the JSON's at the path it names, its language
 * is set, and axe-core finds no serious or critical accessibility violation.
 */

let harness: TransparencyReportsHarness;
let version: ReportVersion;
let origin: string;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;

/** The public reads of the reports function over HTTP, as the gateway would hand them over. */
const answer = async ({ url, headers, query }: PageRequest) => {
  const numbered = /^\/v1\/transparency\/reports\/([^/]+)\/versions\/([^/]+)$/.exec(url.pathname);
  const latest = /^\/v1\/transparency\/reports\/([^/]+)$/.exec(url.pathname);
  if (!numbered && !latest) return undefined;
  return harness.invoke({
    routeKey: numbered ? 'GET /v1/transparency/reports/{quarter}/versions/{version}' : 'GET /v1/transparency/reports/{quarter}',
    pathParameters: numbered ? { quarter: numbered[1]!, version: numbered[2]! } : { quarter: latest![1]! },
    headers,
    ...(query && { query }),
  });
};

beforeAll(async () => {
  ({ harness, version } = await publishedReport());
  server = await serveOnLoopback(answer);
  origin = server.origin;
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The value at a `data-figure` path (`figures.a.b`, `x[0]`, `m["a key"]`) of the JSON. */
const valueAtPath = (root: unknown, path: string): unknown =>
  [...path.matchAll(/\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)].reduce<unknown>((value, [, name, index, quoted]) => {
    const key = name ?? (index !== undefined ? Number(index) : (JSON.parse(quoted!) as string));
    return (value as Record<string | number, unknown>)[key];
  }, root);

/** What the page shows of a figure, as a number: `1,500` → 1500, `83.3%` → 0.833. */
const shownNumber = (text: string) => {
  const number = Number(text.replace(/[,\s%]/g, ''));
  return text.includes('%') ? number / 100 : number;
};

describe('the public page of a published report, in headless Chromium', () => {
  it.each([
    ['en', '/v1/transparency/reports/2026-Q4.html', {}],
    ['zh-CN', '/v1/transparency/reports/2026-Q4', { accept: 'text/html', 'accept-language': 'zh-CN,zh;q=0.9' }],
  ] as const)('renders in %s with charts drawn and the JSON’s numbers', async (language, path, headers) => {
    const page = await browser.context.newPage();
    try {
      await page.setExtraHTTPHeaders(headers);
      const response = await page.goto(`${origin}${path}`);
      expect(response?.status()).toBe(200);
      const json = (await (await fetch(`${origin}/v1/transparency/reports/2026-Q4.json`)).json()) as ReportVersion;
      expect(json).toEqual(version);

      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await expect(page.locator('h1').textContent()).resolves.toContain('2026-Q4');

      // Every chart is an SVG with a name and bars of a visible size for the non-zero values.
      const charts = await page.locator('svg[role="img"]').evaluateAll((svgs) =>
        svgs.map((svg) => ({
          name: svg.getAttribute('aria-label'),
          width: svg.getBoundingClientRect().width,
          bars: [...svg.querySelectorAll('path[fill="#1f5fa8"]')].map((bar) => (bar as unknown as { getBBox(): { width: number } }).getBBox().width),
        })),
      );
      expect(charts).toHaveLength(9);
      for (const chart of charts) {
        expect(chart.name).toBeTruthy();
        expect(chart.width).toBeGreaterThan(100);
        expect(chart.bars.some((width) => width > 1), `${chart.name} draws a bar`).toBe(true);
      }
      expect(await page.locator('figure table').count()).toBe(9);

      // Every number on the page is the JSON's value at the path it names, and shows that value.
      const figures = await page.locator('[data-figure]').evaluateAll((elements) =>
        elements.map((element) => ({ path: element.getAttribute('data-figure')!, value: element.getAttribute('value')!, text: element.textContent ?? '' })),
      );
      expect(figures.length).toBeGreaterThan(60);
      for (const { path: figurePath, value, text } of figures) {
        const expected = valueAtPath(json, figurePath);
        expect(value === '' ? null : Number(value), figurePath).toBe(expected);
        if (typeof expected === 'number') expect(shownNumber(text), `${figurePath} shows ${text}`).toBeCloseTo(expected, 2);
      }

      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  }, 90_000);

  it('shows the tables without JavaScript', async () => {
    await withoutJavaScript(`${origin}/v1/transparency/reports/2026-Q4.html`, async (page) => {
      const total = page.locator('[data-figure="figures.trustAndSafety.notices.total"]');
      await expect(total.isVisible()).resolves.toBe(true);
      expect(Number(await total.getAttribute('value'))).toBe(version.figures.trustAndSafety.notices.total);
      expect(await page.locator('table').count()).toBeGreaterThan(10);
    });
  }, 90_000);
});
