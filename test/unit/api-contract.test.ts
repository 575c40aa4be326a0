import { describe, expect, it } from 'vitest';
import { contractViolations } from '../support/contract.ts';

/** The checker every API test's answers go through (test/support/http.ts): it must catch what it is for. */
const json = new Headers({ 'content-type': 'application/json' });
const problemJson = new Headers({ 'content-type': 'application/problem+json' });
const answer = (status: number, headers: Headers, body: unknown) => ({ status, headers, json: body, text: JSON.stringify(body) });

describe('the OpenAPI contract of the API tests', () => {
  it('accepts a documented status with a body of its schema', () => {
    expect(contractViolations({ method: 'GET', path: '/health' }, answer(200, json, { status: 'ok', time: '2026-12-06T03:00:00.000Z' }))).toEqual([]);
  });

  it('refuses a status the operation does not document', () => {
    expect(contractViolations({ method: 'GET', path: '/health' }, answer(418, json, {}))).toEqual([
      'GET /health answered 418, which its operation does not document (200)',
    ]);
  });

  it('refuses a body off its schema, and a content type other than the documented one', () => {
    const [offSchema] = contractViolations({ method: 'GET', path: '/health' }, answer(200, json, { status: 'fine' }));
    expect(offSchema).toMatch(/GET \/health 200 body does not match its schema/);
    const [wrongType] = contractViolations({ method: 'GET', path: '/health' }, answer(200, problemJson, { status: 'ok' }));
    expect(wrongType).toMatch(/answered application\/problem\+json, documented: application\/json/);
  });

  it('matches templated paths and query strings, preferring the literal path', () => {
    const problem = { type: 'about:blank', title: 'Not found', status: 404 };
    expect(contractViolations({ method: 'GET', path: '/v1/complaints/01ABC?x=1' }, answer(404, problemJson, problem))).toEqual([]);
    expect(contractViolations({ method: 'GET', path: '/health/ready' }, answer(503, json, { status: 'not-ready', checkedAt: '2026-12-06T03:00:00.000Z', checks: {} }))).toEqual([]);
  });

  it('leaves routes the document does not have to the gateway', () => {
    expect(contractViolations({ method: 'GET', path: '/v1/nowhere' }, answer(404, json, {}))).toEqual([]);
  });
});
