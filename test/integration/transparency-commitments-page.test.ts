import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promiseIds } from '#shared/transparency/domain/commitments.ts';
import type { Scorecard } from '#shared/transparency/use-cases/read-scorecard.ts';
import { openBrowser, type PageRequest, seriousAccessibilityViolations, serveOnLoopback, withoutJavaScript } from '../support/browser.ts';
import { type CommitmentsHarness, createCommitmentsHarness } from '../support/commitments-harness.ts';

/**
 * The public scorecard page in headless Chromium (Debian's package, driven by playwright-core),
 * served by the scorecard function behind a loopback HTTP server after two hourly checks: every
 * promise's figure and verdict on the page are the JSON's, the language is set, it reads without
 * JavaScript, and axe-core finds no serious or critical accessibility violation.
 */

const NOW = new Date('2026-11-20T12:00:00Z');

let harness: CommitmentsHarness;
let origin: string;
let browser: Awaited<ReturnType<typeof openBrowser>>;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;

/** The scorecard's reads over HTTP, as the gateway would hand them over. */
const answer = async ({ url, headers, query }: PageRequest) => {
  const routeKey = { '/v1/commitments': 'GET /v1/commitments', '/v1/commitments.html': 'GET /v1/commitments.html' }[url.pathname];
  if (!routeKey) return undefined;
  return harness.read(NOW, { routeKey, headers, ...(query && { query }) });
};

beforeAll(async () => {
  harness = await createCommitmentsHarness();
  await harness.run(new Date(NOW.getTime() - 2 * 3_600_000));
  await harness.run(new Date(NOW.getTime() - 3_600_000));
  server = await serveOnLoopback(answer);
  origin = server.origin;
  browser = await openBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the page shows of a figure, as a number: `92.5%` → 0.925, `v1` → 1; null for none. */
const shownNumber = (text: string): number | null => {
  const number = Number(text.replace(/[v%\s]/g, ''));
  if (Number.isNaN(number)) return null;
  return text.includes('%') ? number / 100 : number;
};

describe('the public scorecard page, in headless Chromium', () => {
  it.each([
    ['en', '/v1/commitments.html', {}],
    ['zh-CN', '/v1/commitments', { accept: 'text/html', 'accept-language': 'zh-CN,zh;q=0.9' }],
  ] as const)('renders in %s with the JSON’s figures and verdicts, and no serious accessibility violation', async (language, path, headers) => {
    const page = await browser.context.newPage();
    try {
      await page.setExtraHTTPHeaders(headers);
      const response = await page.goto(`${origin}${path}`);
      const json = (await (await fetch(`${origin}/v1/commitments`)).json()) as Scorecard;

      expect(response?.status()).toBe(200);
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      const rows = await page.locator('#promises tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ id: tr.id, figure: tr.querySelector('.figure')?.textContent ?? '', verdict: tr.querySelector('[data-verdict]')?.getAttribute('data-verdict') })),
      );
      expect(rows.map((row) => row.id)).toEqual([...promiseIds]);
      for (const row of rows) {
        const promise = json.promises.find((p) => p.id === row.id)!;
        expect(row.verdict, row.id).toBe(promise.verdict);
        if (promise.figure.value === null) expect(shownNumber(row.figure), row.id).toBeNull();
        else expect(shownNumber(row.figure), row.id).toBeCloseTo(promise.figure.value, 3);
      }
      expect(await page.locator('#history tbody tr').count()).toBe(promiseIds.length);

      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('shows the tables without JavaScript', async () => {
    await withoutJavaScript(`${origin}/v1/commitments.html`, async (page) => {
      await expect(page.locator('#promises').isVisible()).resolves.toBe(true);
      expect(await page.locator('table').count()).toBe(2);
    });
  });
});
