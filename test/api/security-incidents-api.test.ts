import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

/**
 * The incident register and the monthly active people over HTTP, against the local server; every
 * answer is held to the OpenAPI document by `http`. The quarter is one long past (2001-Q1), which
 * no other test uses, so its figures hold this test's incidents only.
 */
describe('the incident register over HTTP, against the local server', () => {
  it('computes the incident rate from the active people an administrator reported', async () => {
    // Prepare
    const admin = await tokenFor(`admin-${randomUUID()}`, 'admin');
    const security = await tokenFor(`sec-${randomUUID()}`, 'security');
    await http('PUT', '/v1/platform/active-people/2001-01', { token: admin, body: { activePeople: 400_000 } });
    await http('PUT', '/v1/platform/active-people/2001-02', { token: admin, body: { activePeople: 600_000 } });
    const incident = { category: 'account-takeover', severity: 'high', affectedPeople: 3, personalDataInvolved: true };

    // Act
    const recorded = await http('POST', '/v1/security/incidents', { token: security, body: { ...incident, detectedAt: '2001-01-10T09:00:00Z', note: 'Three accounts taken over' } });
    await http('POST', '/v1/security/incidents', { token: security, body: { ...incident, detectedAt: '2001-03-01T09:00:00Z' } });
    const read = await http('GET', `/v1/security/incidents/${recorded.json.id}`, { token: security });
    const figures = await http('GET', '/v1/security/incidents/figures?quarter=2001-Q1', { token: security });

    // Assess: 2 incidents / ((400 000 + 600 000) / 2) x 1 M = 4
    expect(recorded.status).toBe(201);
    expect(read.json).toMatchObject({ notes: [{ text: 'Three accounts taken over' }], regulatorNotice: { deadline: '2001-01-13T09:00:00.000Z', overdue: true } });
    expect(figures.status).toBe(200);
    expect(figures.json).toMatchObject({ incidents: 2, rate: { perMillionActivePeople: 4, monthsReported: ['2001-01', '2001-02'] } });
  });

  it('refuses the register to people and other staff, and the active people to all but administrators', async () => {
    // Prepare
    const user = await tokenFor(`user-${randomUUID()}`);
    const agent = await tokenFor(`agent-${randomUUID()}`, 'agent');
    const security = await tokenFor(`sec-${randomUUID()}`, 'security');

    // Act
    const answers = await Promise.all([
      http('GET', '/v1/security/incidents', { token: user }),
      http('GET', '/v1/security/incidents', { token: agent }),
      http('GET', '/v1/security/incidents'),
      http('PUT', '/v1/platform/active-people/2001-01', { token: security, body: { activePeople: 1 } }),
      http('GET', '/v1/platform/active-people/2001-01', { token: user }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 401, 403, 403]);
  });
});
