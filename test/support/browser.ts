import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import axe from 'axe-core';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Public pages in headless Chromium (Debian's package, driven by playwright-core, which downloads
 * no browser of its own): a loopback server in front of a function's handler, a browser with a
 * fresh profile, and axe-core's verdict on a page.
 */

const CHROMIUM = '/usr/bin/chromium';
/** Without the background-networking flags Chromium keeps knocking at hosts this closed network refuses. */
const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** What the loopback server hands a function: the path, the query, and the negotiation headers. */
export interface PageRequest {
  url: URL;
  headers: Record<string, string>;
  query: Record<string, string> | undefined;
}

/** Serves `answer` on 127.0.0.1 (a free port); undefined from `answer` is a 404. */
export const serveOnLoopback = async (answer: (request: PageRequest) => Promise<{ status: number; headers: Record<string, string>; text?: string | undefined } | undefined>) => {
  const headersOf = (req: IncomingMessage) =>
    Object.fromEntries(['accept', 'accept-language'].flatMap((name) => (req.headers[name] ? [[name, String(req.headers[name])]] : [])));
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const query = Object.fromEntries(url.searchParams);
    const answered = await answer({ url, headers: headersOf(req), query: Object.keys(query).length > 0 ? query : undefined });
    if (!answered) return void res.writeHead(404).end();
    res.writeHead(answered.status, answered.headers).end(answered.text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

/**
 * A browser with a new empty profile. The pages' CSP admits no script: axe-core is injected past
 * it (`bypassCSP`), as a browser extension would be.
 */
export const openBrowser = async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install Debian's (sudo apt-get install -y chromium) to test the public pages`);
  const userDataDir = mkdtempSync(join(tmpdir(), 'page-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args, bypassCSP: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
};

/** A page opened with JavaScript off, for what must work without it. */
export const withoutJavaScript = async (url: string, check: (page: Page) => Promise<void>) => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.goto(url);
    await check(page);
  } finally {
    await browser.close();
  }
};

/** axe-core's serious and critical violations on the page (by rule, impact and the number of nodes). */
export const seriousAccessibilityViolations = async (page: Page) => {
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async () => {
    const results = await (globalThis as unknown as { axe: typeof axe }).axe.run('html', { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
};
