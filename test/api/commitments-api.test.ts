import { describe, expect, inject, it } from 'vitest';
import { runJob } from '#infra/local/run-job.ts';
import { promiseIds } from '#shared/transparency/domain/commitments.ts';
import { http } from '../support/http.ts';

/**
 * The public promise scorecard over HTTP on the local stack, its figures compiled from what the
 * stack keeps: JSON, or the HTML page by Accept or by its `.html` path, without a token. Every
 * answer is held to the OpenAPI document by `http`.
 */

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('the promise scorecard over HTTP', () => {
  it('shows every promise with its figure, target, verdict and since when, once the hourly check has run', { timeout: 60_000 }, async () => {
    // Prepare: the check run as the operators run it (`npm run job -- commitments-watch`)
    const { result } = await runJob({ root: inject('localStack').root, job: 'commitments-watch', now: new Date() });

    // Act: an instance reuses what it read for up to 30 seconds, so an earlier read (another test's) may still be served
    let answer = await http('GET', '/v1/commitments');
    for (const deadline = Date.now() + 35_000; answer.json.checkedAt === null && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      answer = await http('GET', '/v1/commitments');
    }

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
    expect(answer.json.promises.map((p: { id: string }) => p.id)).toEqual([...promiseIds]);
    expect(answer.json.checkedAt).not.toBeNull();
    expect(answer.json.promises.map((p: { history: unknown[] }) => p.history.length)).toEqual(promiseIds.map(() => 1));
    expect(Object.keys((result as { verdicts: object }).verdicts)).toEqual([...promiseIds]);
  });

  it('answers the HTML page to a browser and at its .html path, in the language asked for, without a script', async () => {
    // Act
    const negotiated = await http('GET', '/v1/commitments', { headers: { accept: BROWSER_ACCEPT } });
    const chinese = await http('GET', '/v1/commitments.html?lang=zh-CN');
    const english = await http('GET', '/v1/commitments.html', { headers: { 'accept-language': 'en-GB,en;q=0.8' } });

    // Assess
    expect([negotiated.status, negotiated.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(negotiated.text).toContain('<table id="promises">');
    expect([chinese.headers.get('content-language'), chinese.text.includes('<html lang="zh-CN">')]).toEqual(['zh-CN', true]);
    expect(english.text).toContain('<html lang="en">');
    expect(english.text).not.toContain('<script');
    for (const id of promiseIds) expect(english.text).toContain(`id="${id}"`);
  });

  it('refuses a language it does not speak with a 400 problem', async () => {
    const answer = await http('GET', '/v1/commitments.html?lang=fr');
    expect([answer.status, answer.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
  });
});
