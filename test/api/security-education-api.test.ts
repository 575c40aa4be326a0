import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { localPaths } from '#infra/local/paths.ts';
import { runJob } from '#infra/local/run-job.ts';
import { recordLocalPerson } from '#shared/notifications/directory/local-directory.ts';
import { contractViolations } from '../support/contract.ts';
import { http, type HttpAnswer } from '../support/http.ts';
import { machineTokenFor, tokenFor } from '../support/tokens.ts';

/**
 * Security education through the whole local stack, as `npm start` runs it: security staff
 * schedule a campaign over HTTP; once it starts, people and staff read it in their language; the
 * education job (`npm run job -- security-education`) announces it on the local bus, the rule
 * routes it into the notifications queue, and the sender puts it in the staff's inbox. Every
 * answer is held to the OpenAPI document.
 */

const call = async (method: string, path: string, options: Parameters<typeof http>[2] = {}): Promise<HttpAnswer> => {
  const answer = await http(method, path, options);
  expect(contractViolations({ method, path: path.split('?')[0]! }, answer)).toEqual([]);
  return answer;
};

const until = async <T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
};

const DAY_MS = 24 * 60 * 60 * 1000;
const LEAD_MS = 3_000;

describe('security education over HTTP, against the local server', () => {
  it('is scheduled by security staff, read by people and staff in their language, and announced to the staff’s inbox', async () => {
    // Prepare
    const root = inject('localStack').root;
    const officer = await tokenFor(`sec-${randomUUID()}`, 'security');
    const staffSub = `agent-${randomUUID()}`;
    recordLocalPerson(localPaths(root).users, { sub: staffSub, email: `${staffSub}@example.com`, locale: 'zh-CN', groups: ['agent'] });
    const staffer = await tokenFor(staffSub, 'agent');
    const person = await tokenFor(`user-${randomUUID()}`);
    const startsAt = new Date(Date.now() + LEAD_MS).toISOString();
    const endsAt = new Date(Date.now() + LEAD_MS + 2 * DAY_MS).toISOString();
    const body = {
      title: { en: 'Spotting phishing', 'zh-CN': '识别钓鱼信息' },
      content: { en: 'Never share your password.', 'zh-CN': '切勿透露您的密码。' },
      audience: 'everyone',
      startsAt,
      endsAt,
    };

    // Act
    const byStaffer = await call('POST', '/v1/security-education/campaigns', { token: staffer, body });
    const created = await call('POST', '/v1/security-education/campaigns', { token: officer, body });
    const id = created.json.id as string;
    const listedByPerson = await call('GET', '/v1/security-education/campaigns', { token: person });
    const byMachine = await call('GET', '/v1/security-education/current', { token: await machineTokenFor('syntheticMonitor') });
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(startsAt) - Date.now()) + 200));
    const late = await call('PUT', `/v1/security-education/campaigns/${id}`, { token: officer, body });
    const forPerson = await call('GET', '/v1/security-education/current', { token: person, headers: { 'accept-language': 'en-GB' } });
    const forStaffer = await call('GET', '/v1/security-education/current', { token: staffer, headers: { 'accept-language': 'zh-CN' } });
    const read = await call('POST', `/v1/security-education/${id}/read`, { token: person });
    const readAgain = await call('POST', `/v1/security-education/${id}/read`, { token: person });
    const { result } = await runJob({ root, job: 'security-education', now: new Date() });
    const notice = await until(async () => {
      const inbox = await call('GET', '/v1/me/notifications', { token: staffer });
      return (inbox.json.items as Array<{ type: string; subject: string }>).find((item) => item.type === 'security-education-campaign');
    });
    const campaign = await call('GET', `/v1/security-education/campaigns/${id}`, { token: officer });

    // Assess
    expect(byStaffer.status).toBe(403);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/security-education/campaigns/${id}`);
    expect(listedByPerson.status).toBe(403);
    expect(byMachine.status).toBe(403);
    expect(late.status).toBe(409);
    expect(forPerson.json.campaign).toMatchObject({ id, locale: 'en', title: 'Spotting phishing', readAt: null });
    expect(forStaffer.json.campaign).toMatchObject({ id, locale: 'zh-CN', title: '识别钓鱼信息', content: '切勿透露您的密码。' });
    expect(read.status).toBe(200);
    expect(readAgain.json).toEqual(read.json);
    expect((result as { announced: string[] }).announced).toContain(id);
    expect(notice.subject).toBe('新的安全学习内容已发布');
    expect(campaign.json).toMatchObject({ status: 'running', announcedAt: expect.any(String), audienceSize: expect.any(Object) });
    expect(campaign.json.reach).toMatchObject({ delivered: 2, read: 1, readWithinWindow: 1, shareReadWithinWindow: 0.5 });
  });
});
