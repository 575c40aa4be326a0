import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { describe, expect, inject, it } from 'vitest';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { wilsonInterval } from '#shared/surveys/domain/statistics.ts';
import { http } from '../support/http.ts';
import { tokenFor } from '../support/tokens.ts';

/**
 * The outside probe: it runs a month's campaign as the operators would (`npm run job`), plays
 * simulated users over HTTP, keeps its own count of who was invited and what they answered, and
 * checks the figures the staff endpoint reports against that count. It trusts nothing but HTTP.
 */

const run = promisify(execFile);

/** `npm run job -- survey-campaign` against the test's stack, as a separate process. */
const runCampaignJob = async () => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'infra/local/job-cli.ts', 'survey-campaign'], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, LOCAL_STACK_ROOT: inject('localStack').root },
  });
  return JSON.parse(stdout) as { opened: string[]; closed: unknown[] };
};

/** A small deterministic generator, so a failure can be replayed. */
const generator = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};

const month = () => new Date().toISOString().slice(0, 7);

describe('outside probe: a campaign with simulated users, checked against its own count', () => {
  it('reports exactly the invitations, responses, CSAT, Wilson interval and NPS the probe counted', async () => {
    // Prepare
    const comms = await tokenFor(`comms-${randomUUID()}`, 'comms');
    const results = async () => (await http('GET', `/v1/figures/surveys?kind=monthly&from=${month()}`, { token: comms })).json.months[0];
    const firstRun = await runCampaignJob();
    const secondRun = await runCampaignJob();
    const before = await results();
    const random = generator(20_261_101);
    const users = await Promise.all(Array.from({ length: 400 }, async (_, i) => tokenFor(`probe-${i}-${randomUUID()}`)));

    // Act: every simulated user opens the app; those invited answer, most of them.
    const own = { active: 0, invited: 0, responses: 0, satisfied: 0, csat: [0, 0, 0, 0, 0, 0], promoters: 0, detractors: 0, nps: 0 };
    for (const token of users) {
      const current = await http('GET', '/v1/surveys/current', { token });
      expect(current.status).toBe(200);
      own.active += 1;
      const survey = current.json.surveys.find((s: { kind: string }) => s.kind === 'monthly');
      if (!survey) continue;
      own.invited += 1;
      if (random() < 0.2) continue; // some never answer
      const satisfaction = 1 + Math.floor(random() * 5 * 0.999);
      const recommend = Math.floor(random() * 11 * 0.999);
      const answer = await http('PUT', `/v1/surveys/${survey.id}/response`, { token, body: { answers: { satisfaction, recommend } } });
      expect(answer.status).toBe(201);
      own.responses += 1;
      own.csat[satisfaction]! += 1;
      if (satisfaction >= 4) own.satisfied += 1;
      own.nps += 1;
      if (recommend >= 9) own.promoters += 1;
      if (recommend <= 6) own.detractors += 1;
    }
    // A user seen twice is counted once; an uninvited one cannot answer.
    await http('GET', '/v1/surveys/current', { token: users[0]! });
    const uninvited = await tokenFor(`probe-outsider-${randomUUID()}`);
    const refused = await http('PUT', `/v1/surveys/${month()}-monthly/response`, { token: uninvited, body: { answers: { satisfaction: 5 } } });
    const after = await results();

    // Assess
    expect(firstRun.opened.length + secondRun.opened.length).toBeLessThanOrEqual(2);
    expect(secondRun.opened).toEqual([]);
    expect(refused.status).toBe(404);
    expect(own.invited).toBeGreaterThan(0);
    expect(after.campaign).toMatchObject({ status: 'open', samplingRate: expect.any(Number) });
    expect(after.sampling.active - before.sampling.active).toBe(own.active);
    expect(after.sampling.invited - before.sampling.invited).toBe(own.invited);
    expect(after.sampling.responses - before.sampling.responses).toBe(own.responses);
    expect(after.csat.n - before.csat.n).toBe(own.responses);
    expect(after.csat.satisfied - before.csat.satisfied).toBe(own.satisfied);
    for (let s = 1; s <= 5; s += 1) expect(after.csat.distribution[s] - before.csat.distribution[s]).toBe(own.csat[s]);
    expect(after.nps.promoters - before.nps.promoters).toBe(own.promoters);
    expect(after.nps.detractors - before.nps.detractors).toBe(own.detractors);
    if (before.csat.n === 0) {
      // On a fresh stack the whole month is the probe's: check the derived figures too.
      const wilson = wilsonInterval(own.satisfied, own.responses)!;
      expect(after.csat.score).toBeCloseTo(own.satisfied / own.responses, 12);
      expect(after.csat.wilson95.lower).toBeCloseTo(wilson.lower, 12);
      expect(after.csat.wilson95.upper).toBeCloseTo(wilson.upper, 12);
      expect(after.sampling.responseRate).toBeCloseTo(own.responses / own.invited, 12);
      expect(after.nps.score).toBeCloseTo(((own.promoters - own.detractors) / own.nps) * 100, 12);
      // Far below the 385 responses the rule asks for: the probe's month cannot claim the target.
      expect(after.target.verdict).toBe('not-enough-responses');
    }
  }, 120_000); // some 720 requests, one after another, through the gateway

  it('invites the owner of a complaint resolved over HTTP, through the domain event, and counts the answer by channel', async () => {
    // Prepare
    await runCampaignJob();
    const ownerToken = await tokenFor(`probe-owner-${randomUUID()}`);
    const agent = await tokenFor(`probe-agent-${randomUUID()}`, 'agent');
    const comms = await tokenFor(`comms-${randomUUID()}`, 'comms');
    const results = async () =>
      (await http('GET', `/v1/figures/surveys?kind=post-resolution&from=${month()}`, { token: comms })).json.months[0];
    const before = await results();
    const filed = await http('POST', '/v1/complaints', {
      token: ownerToken,
      body: { channel: 'app', category: 'privacy', subject: 'Data request', description: 'Please send me my data.' },
    });
    const id = filed.json.id as string;
    await http('POST', `/v1/complaints/${id}/messages`, { token: agent, body: { body: 'Sent to your address.' } });

    // Act
    const resolved = await http('POST', `/v1/complaints/${id}/status`, { token: agent, body: { status: 'resolved' } });
    let survey: { id: string; complaintId: string } | undefined;
    for (let i = 0; i < 50 && !survey; i += 1) {
      const current = await http('GET', '/v1/surveys/current', { token: ownerToken });
      survey = current.json.surveys.find((s: { complaintId?: string }) => s.complaintId === id);
      if (!survey) await new Promise((r) => setTimeout(r, 100));
    }
    const answer = await http('PUT', `/v1/surveys/${survey?.id}/response`, { token: ownerToken, body: { answers: { satisfaction: 2, effort: 3 } } });
    const after = await results();

    // Assess
    expect(resolved.status).toBe(200);
    expect(survey).toBeDefined();
    expect(answer.status).toBe(201);
    expect(after.sampling.invited - before.sampling.invited).toBe(1);
    expect(after.csat.n - before.csat.n).toBe(1);
    expect(after.byChannel.app.n - (before.byChannel.app?.n ?? 0)).toBe(1);
    expect(after.byCategory.privacy.satisfied - (before.byCategory.privacy?.satisfied ?? 0)).toBe(0);
  });
});
