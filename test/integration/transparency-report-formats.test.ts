import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportVersion } from '#shared/transparency/domain/report.ts';
import { partCsv, reportCsv } from '#shared/transparency/domain/report-csv.ts';
import { invokedViolations } from '../support/contract.ts';
import { publishedReport } from '../support/published-report.ts';
import type { TransparencyReportsHarness } from '../support/transparency-reports-harness.ts';

/**
 * The public representations of a published report through the reports function on DynamoDB
 * Local: JSON, CSV and HTML by extension or Accept (406 otherwise), one template part as CSV,
 * and the JSON Schema the JSON answers to. Every answer is held to the OpenAPI document.
 */

let harness: TransparencyReportsHarness;
let version: ReportVersion;
beforeAll(async () => {
  ({ harness, version } = await publishedReport());
});

type Request = Parameters<TransparencyReportsHarness['invoke']>[0];
const call = async (request: Request) => {
  const answer = await harness.invoke(request);
  expect(invokedViolations(request, answer)).toEqual([]);
  return answer;
};
const latest = (quarter: string, headers: Record<string, string> = {}, query?: Record<string, string>) =>
  call({ routeKey: 'GET /v1/transparency/reports/{quarter}', pathParameters: { quarter }, headers, ...(query && { query }) });

describe('the representations of a published report', () => {
  it('answers JSON, CSV and HTML by extension, and by Accept without one', async () => {
    const [json, csv, html, byAccept] = await Promise.all([
      latest('2026-Q4.json'),
      latest('2026-Q4.csv'),
      latest('2026-Q4.html'),
      latest('2026-Q4', { accept: 'text/csv' }),
    ]);
    expect([json.status, json.headers['content-type'], json.body]).toEqual([200, 'application/json', version]);
    expect([csv.status, csv.headers['content-type'], csv.text]).toEqual([200, 'text/csv; charset=utf-8', reportCsv(version)]);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="transparency-report-2026-Q4-v1.csv"');
    expect([html.status, html.headers['content-type'], html.headers['content-language']]).toEqual([200, 'text/html; charset=utf-8', 'en']);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.headers.vary).toBe('accept, accept-language');
    expect(byAccept.text).toBe(csv.text);
  });

  it('answers the page in zh-CN by lang or Accept-Language, and a numbered version by its extension', async () => {
    const [byQuery, byHeader, numbered] = await Promise.all([
      latest('2026-Q4.html', {}, { lang: 'zh-CN' }),
      latest('2026-Q4', { accept: 'text/html', 'accept-language': 'zh-CN,zh;q=0.9' }),
      call({ routeKey: 'GET /v1/transparency/reports/{quarter}/versions/{version}', pathParameters: { quarter: '2026-Q4', version: '1.html' } }),
    ]);
    expect(byQuery.text).toMatch(/^<!doctype html><html lang="zh-CN">/);
    expect(byHeader.text).toBe(byQuery.text);
    expect([numbered.status, numbered.headers['cache-control']]).toEqual([200, 'public, max-age=86400, immutable']);
    expect(numbered.text).toContain('<a href="/v1/transparency/reports/2026-Q4/versions/1.csv" type="text/csv">CSV</a>');
  });

  it('answers 406 problem+json for an unknown extension or an Accept it cannot meet', async () => {
    const [xml, png, partAsJson] = await Promise.all([
      latest('2026-Q4.xml'),
      latest('2026-Q4', { accept: 'image/png' }),
      call({ routeKey: 'GET /v1/transparency/reports/{quarter}/parts/{part}', pathParameters: { quarter: '2026-Q4', part: '1.3' }, headers: { accept: 'application/json' } }),
    ]);
    for (const answer of [xml, png, partAsJson]) {
      expect([answer.status, answer.headers['content-type'], answer.body?.type]).toEqual([406, 'application/problem+json', 'urn:user-protection:problem:not-acceptable']);
    }
  });

  it('answers one template part as its own CSV, and 400 for a part there is not', async () => {
    const part = await call({ routeKey: 'GET /v1/transparency/reports/{quarter}/parts/{part}', pathParameters: { quarter: '2026-Q4', part: '1.3' } });
    const unknown = await call({ routeKey: 'GET /v1/transparency/reports/{quarter}/parts/{part}', pathParameters: { quarter: '2026-Q4', part: '1.7' } });
    expect([part.status, part.headers['content-type'], part.text]).toEqual([200, 'text/csv; charset=utf-8', partCsv(version, '1.3')]);
    expect(part.text?.split('\r\n')[0]).toBe('Breakdown,Item,Number of notices,Submitted by trusted flaggers,Median time to take action (minutes)');
    expect(unknown.status).toBe(400);
  });

  it('serves the JSON Schema that the JSON representation keeps, and that a broken report breaks', async () => {
    const schema = await call({ routeKey: 'GET /v1/transparency/reports/schema' });
    expect([schema.status, schema.headers['content-type']]).toEqual([200, 'application/schema+json']);
    const ajv = new Ajv2020({ strict: false });
    addFormats.default(ajv);
    const validate = ajv.compile(JSON.parse(schema.text ?? '{}'));
    expect(validate(version), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...version, figures: { ...version.figures, quarter: 'last quarter' } })).toBe(false);
  });
});
