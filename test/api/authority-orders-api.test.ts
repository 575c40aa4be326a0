import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { http } from '../support/http.ts';
import { machineTokenFor, tokenFor } from '../support/tokens.ts';

/**
 * The register of Member State authorities' orders (DSA Art. 9 and 10) over HTTP, against the local
 * server; every answer is held to the OpenAPI document by `http`.
 */

const order = (over: Record<string, unknown> = {}) => ({
  type: 'act',
  memberState: 'FR',
  authority: 'Tribunal judiciaire de Paris',
  category: 'fraud_or_scam',
  receivedAt: '2002-02-01T09:00:00Z',
  reference: `RG ${randomUUID()}`,
  ...over,
});
const UNKNOWN = 'aor_01ARZ3NDEKTSV4RRFFQ69G5FAV';

describe('the register of authority orders over HTTP', () => {
  it('records an order, confirms its receipt and records the effect given, each once', async () => {
    // Prepare
    const moderator = await tokenFor(`mod-${randomUUID()}`, 'moderator');
    const comms = await tokenFor(`comms-${randomUUID()}`, 'comms');
    const body = order({ type: 'provide_information', memberState: 'DE', category: 'privacy' });

    // Act
    const recorded = await http('POST', '/v1/moderation/authority-orders', { token: moderator, body });
    const again = await http('POST', '/v1/moderation/authority-orders', { token: moderator, body });
    const id = recorded.json.id as string;
    const effectFirst = await http('POST', `/v1/moderation/authority-orders/${id}/effect`, { token: moderator, body: {} });
    const confirmed = await http('POST', `/v1/moderation/authority-orders/${id}/confirmation`, { token: moderator, body: { confirmedAt: '2002-02-01T11:00:00Z' } });
    const effect = await http('POST', `/v1/moderation/authority-orders/${id}/effect`, { token: moderator, body: { effectGivenAt: '2002-02-03T09:00:00Z' } });
    const confirmedTwice = await http('POST', `/v1/moderation/authority-orders/${id}/confirmation`, { token: moderator, body: {} });
    const read = await http('GET', `/v1/moderation/authority-orders/${id}`, { token: comms });
    const list = await http('GET', '/v1/moderation/authority-orders?limit=100', { token: comms });

    // Assess
    expect(recorded.status).toBe(201);
    expect(recorded.json).toMatchObject({ type: 'provide_information', memberState: 'DE', receivedAt: '2002-02-01T09:00:00.000Z' });
    expect([again.status, again.json.type]).toEqual([409, 'urn:user-protection:problem:order-recorded']);
    expect([effectFirst.status, effectFirst.json.type]).toEqual([409, 'urn:user-protection:problem:confirm-receipt-first']);
    expect([confirmed.status, confirmed.json.confirmedAt]).toEqual([200, '2002-02-01T11:00:00.000Z']);
    expect([effect.status, effect.json.effectGivenAt]).toEqual([200, '2002-02-03T09:00:00.000Z']);
    expect(confirmedTwice.status).toBe(409);
    expect(read.json).toEqual(effect.json);
    expect(list.json.items.map((item: { id: string }) => item.id)).toContain(id);
  });

  it('refuses bad bodies with 400, naming the field', async () => {
    // Prepare
    const moderator = await tokenFor(`mod-${randomUUID()}`, 'moderator');
    const recorded = await http('POST', '/v1/moderation/authority-orders', { token: moderator, body: order() });

    // Act
    const answers = await Promise.all([
      http('POST', '/v1/moderation/authority-orders', { token: moderator, body: order({ memberState: 'US' }) }),
      http('POST', '/v1/moderation/authority-orders', { token: moderator, body: order({ type: 'seize' }) }),
      http('POST', '/v1/moderation/authority-orders', { token: moderator, body: order({ receivedAt: '2999-01-01T00:00:00Z' }) }),
      http('POST', '/v1/moderation/authority-orders', { token: moderator, body: { ...order(), extra: 1 } }),
      http('POST', `/v1/moderation/authority-orders/${recorded.json.id}/confirmation`, { token: moderator, body: { confirmedAt: '2001-01-01T00:00:00Z' } }),
      http('GET', '/v1/moderation/authority-orders/not-an-id', { token: moderator }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400, 400, 400]);
    expect(answers.slice(0, 3).map((answer) => answer.json.errors[0].path)).toEqual(['memberState', 'type', 'receivedAt']);
    expect(answers[4]!.json.errors[0].path).toBe('confirmedAt');
  });

  it('answers 404 for an order that does not exist', async () => {
    const moderator = await tokenFor(`mod-${randomUUID()}`, 'moderator');
    const answers = await Promise.all([
      http('GET', `/v1/moderation/authority-orders/${UNKNOWN}`, { token: moderator }),
      http('POST', `/v1/moderation/authority-orders/${UNKNOWN}/confirmation`, { token: moderator, body: {} }),
      http('POST', `/v1/moderation/authority-orders/${UNKNOWN}/effect`, { token: moderator, body: {} }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
  });

  it('refuses callers without a token (401), people, other staff and platform clients (403), and lets comms read only', async () => {
    // Prepare
    const [user, agent, security, comms, platform] = await Promise.all([
      tokenFor(`user-${randomUUID()}`),
      tokenFor(`agent-${randomUUID()}`, 'agent'),
      tokenFor(`sec-${randomUUID()}`, 'security'),
      tokenFor(`comms-${randomUUID()}`, 'comms'),
      machineTokenFor('contentPlatform'),
    ]);

    // Act
    const answers = await Promise.all([
      http('GET', '/v1/moderation/authority-orders'),
      http('POST', '/v1/moderation/authority-orders', { body: order() }),
      http('GET', '/v1/moderation/authority-orders', { token: user }),
      http('GET', '/v1/moderation/authority-orders', { token: agent }),
      http('GET', '/v1/moderation/authority-orders', { token: security }),
      http('GET', '/v1/moderation/authority-orders', { token: platform }),
      http('POST', '/v1/moderation/authority-orders', { token: comms, body: order() }),
      http('POST', '/v1/moderation/authority-orders', { token: platform, body: order() }),
      http('POST', `/v1/moderation/authority-orders/${UNKNOWN}/confirmation`, { token: comms, body: {} }),
      http('GET', '/v1/moderation/authority-orders', { token: comms }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 403, 403, 403, 403, 403, 403, 403, 200]);
  });
});
