import { describe, expect, it } from 'vitest';
import { routes } from '#infra/manifest.ts';
import { moderationPaths } from '#shared/moderation/http/openapi.ts';

/**
 * What each trust-and-safety route can answer, read off its handler (shared/moderation/http/:
 * the error mapping, readJsonBody, the Idempotency-Key), its use case and the gateway (401 without a
 * bearer token on jwt routes, 403 without the scope): the document lists exactly these.
 */
const answers: Record<string, number[]> = {
  // 403: a platform client, or reporting suspended; 409/422: Idempotency-Key; 503: not queued.
  'POST /v1/reports': [202, 400, 401, 403, 409, 413, 415, 422, 429, 500, 503],
  'GET /v1/reports': [200, 400, 401, 403, 500],
  // No bearer token: no 401. 403: reporting suspended for the mailbox.
  'POST /v1/reports/anonymous': [202, 400, 403, 409, 413, 415, 422, 429, 500, 503],
  'GET /v1/reports/anonymous/{id}': [200, 400, 404, 429, 500],
  'GET /v1/reports/{id}': [200, 400, 401, 403, 404, 500],
  'GET /v1/moderation/cases': [200, 400, 401, 403, 500],
  'GET /v1/moderation/cases/{id}': [200, 400, 401, 403, 404, 500],
  // No body: nothing to refuse as too large or not JSON.
  'POST /v1/moderation/cases/{id}/claim': [200, 400, 401, 403, 404, 409, 500],
  'POST /v1/moderation/cases/{id}/decision': [200, 400, 401, 403, 404, 409, 413, 415, 500],
  'GET /v1/statements/{puid}': [200, 400, 401, 403, 404, 500],
  'GET /v1/transparency/statements': [200, 400, 401, 403, 500],
  // 429: the per-person limit of the route (its manifest's `limit`).
  'POST /v1/appeals': [201, 400, 401, 403, 404, 409, 413, 415, 429, 500],
  'POST /v1/appeals/anonymous': [201, 400, 403, 404, 409, 413, 415, 429, 500],
  'GET /v1/appeals/{id}': [200, 400, 401, 403, 404, 500],
  'GET /v1/moderation/appeals': [200, 400, 401, 403, 500],
  'POST /v1/moderation/appeals/{id}/decision': [200, 400, 401, 403, 404, 409, 413, 415, 500],
  // Reads nothing from the request: no 400.
  'GET /v1/rewards/me': [200, 401, 403, 500],
  'GET /v1/moderation/blocklists/{kind}': [200, 400, 401, 403, 500],
  // 409: already on the list, or not a value of the list; nothing to find, so no 404.
  'POST /v1/moderation/blocklists/{kind}': [201, 400, 401, 403, 409, 413, 415, 500],
  'DELETE /v1/moderation/blocklists/{kind}/{entryId}': [204, 400, 401, 403, 404, 500],
  'GET /v1/figures/moderation': [200, 400, 401, 403, 500],
  // 200: a repeat of the content id; 503: stored but not queued.
  'POST /v1/content-reviews': [200, 202, 400, 401, 403, 409, 413, 415, 500, 503],
  'GET /v1/content-reviews/{id}': [200, 400, 401, 403, 404, 500],
  'GET /v1/enforcement/statements/{puid}': [200, 400, 401, 403, 404, 500],
  // 409: the Member State and reference recorded already; a step taken before, or out of order.
  'POST /v1/moderation/authority-orders': [201, 400, 401, 403, 409, 413, 415, 500],
  'GET /v1/moderation/authority-orders': [200, 400, 401, 403, 500],
  'GET /v1/moderation/authority-orders/{id}': [200, 400, 401, 403, 404, 500],
  'POST /v1/moderation/authority-orders/{id}/confirmation': [200, 400, 401, 403, 404, 409, 413, 415, 500],
  'POST /v1/moderation/authority-orders/{id}/effect': [200, 400, 401, 403, 404, 409, 413, 415, 500],
  'GET /v1/moderation/transparency-database/quarantine': [200, 400, 401, 403, 500],
  // 409: not quarantined (pending, sent, or released meanwhile). No body: no 413 or 415.
  'POST /v1/moderation/transparency-database/quarantine/{puid}/release': [200, 400, 401, 403, 404, 409, 500],
};

describe('the OpenAPI document of trust and safety', () => {
  it('covers every route of the moderation function in the table above', () => {
    // Act
    const moderationRoutes = routes.filter((r) => r.function === 'moderation').map((r) => `${r.method} ${r.path}`);

    // Assess
    expect(Object.keys(answers).sort()).toEqual(moderationRoutes.sort());
  });

  it.each(Object.entries(answers))('lists for %s every status it answers, and no other', (route, statuses) => {
    // Prepare
    const [method, path] = route.split(' ') as [string, string];

    // Act
    const operation = moderationPaths[path]?.[method.toLowerCase() as 'get' | 'post' | 'delete'];
    const documented = Object.keys(operation?.responses ?? {}).map(Number);

    // Assess
    expect(documented.sort()).toEqual([...statuses].sort());
  });
});
