import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contractViolations } from '../support/contract.ts';
import { http, type HttpAnswer } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

/** Each answer is held to the OpenAPI document: a documented status, content type and body. */
const call = async (method: string, path: string, options: Parameters<typeof http>[2] = {}): Promise<HttpAnswer> => {
  const answer = await http(method, path, options);
  expect(contractViolations({ method, path: path.split('?')[0]! }, answer)).toEqual([]);
  return answer;
};

describe('the access log over HTTP, against the local server', () => {
  it("lists a staff read of a person's complaint, with its reason, in their own access log; a read without a reason is refused", async () => {
    // Prepare
    const owner = await tokenFor(`owner-${randomUUID()}`);
    const agentSub = `agent-${randomUUID()}`;
    const agent = await tokenFor(agentSub, 'agent');
    const filed = await call('POST', '/v1/complaints', {
      token: owner,
      body: { channel: 'web', category: 'billing', subject: 'Charged twice', description: 'My card was charged twice.' },
    });
    const id = filed.json.id as string;

    // Act
    const unexplained = await call('GET', `/v1/complaints/${id}`, { token: agent });
    const explained = await call('GET', `/v1/complaints/${id}`, { token: agent, headers: { 'x-access-reason': 'first response' } });
    const log = await call('GET', '/v1/me/access-log', { token: owner });

    // Assess
    expect(unexplained.status).toBe(400);
    expect(unexplained.headers.get('content-type')).toBe('application/problem+json');
    expect(unexplained.json.errors).toEqual([{ in: 'header', path: 'x-access-reason', message: expect.any(String) }]);
    expect(unexplained.text).not.toContain('Charged twice');
    expect(explained.status).toBe(200);
    expect(log.status).toBe(200);
    expect(log.json.items).toEqual([
      { at: expect.any(String), staffRoles: ['agent'], resource: { kind: 'complaint', id }, fields: expect.any(Array), reason: 'first response' },
    ]);
    expect(log.text).not.toContain(agentSub);
  });

  it('lets security staff find the read by staff member, and nobody else', async () => {
    // Prepare
    const ownerSub = `owner-${randomUUID()}`;
    const owner = await tokenFor(ownerSub);
    const agentSub = `agent-${randomUUID()}`;
    const agent = await tokenFor(agentSub, 'agent');
    const filed = await call('POST', '/v1/complaints', {
      token: owner,
      body: { channel: 'web', category: 'billing', subject: 'Charged twice', description: 'My card was charged twice.' },
    });
    await call('GET', `/v1/complaints/${filed.json.id}/history`, { token: agent, headers: { 'x-access-reason': 'audit of the handling' } });

    // Act
    const bySecurity = await call('GET', `/v1/security/access-log?staff=${agentSub}`, { token: await tokenFor(`sec-${randomUUID()}`, 'security') });
    const byAgent = await call('GET', `/v1/security/access-log?staff=${agentSub}`, { token: agent });

    // Assess
    expect(bySecurity.status).toBe(200);
    expect(bySecurity.json.items).toEqual([
      expect.objectContaining({ staff: { id: agentSub, roles: ['agent'] }, subjectId: ownerSub, reason: 'audit of the handling' }),
    ]);
    expect(byAgent.status).toBe(403);
  });
});
