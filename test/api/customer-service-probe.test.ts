import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { periodOf } from '#shared/figures/periods.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { startChildStack } from '../support/child-stack.ts';
import { EVERY_OUTBOX_ITEM, outboxRelayed } from '../support/outbox-relayed.ts';

/**
 * An outside probe of customer service: it uses only what a person at the terminal has (the
 * HTTP API, `npm run token`, `npm run job`), on a local stack of its own so that its figures
 * count nothing but what it did. It files through every channel, answers some complaints as an
 * agent, moves time forward for the SLA sweep, and checks the figures against its own tally.
 */

const run = promisify(execFile);
const HOUR_MS = 3_600_000;

let root: string;
let stack: Awaited<ReturnType<typeof startChildStack>>;

const cli = async (script: string, args: string[]) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `infra/local/${script}`, ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, LOCAL_STACK_ROOT: root },
  });
  return stdout.trim();
};

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${stack.endpoints.api}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as any };
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'upp-probe-'));
  stack = await startChildStack(root);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('an outside probe of customer service', () => {
  it('files on every channel, answers some, moves time forward, and finds figures that agree with what it did', async () => {
    // Prepare: tokens from the same command a developer uses.
    const [ada, bob, agent, social, email, phone] = await Promise.all([
      cli('token-cli.ts', ['--sub', 'probe-ada', '--role', 'user']),
      cli('token-cli.ts', ['--sub', 'probe-bob', '--role', 'user']),
      cli('token-cli.ts', ['--sub', 'probe-agent', '--role', 'agent']),
      cli('token-cli.ts', ['--client', 'social']),
      cli('token-cli.ts', ['--client', 'email']),
      cli('token-cli.ts', ['--client', 'phone']),
    ]);
    const complaint = { category: 'billing', subject: 'Charged twice', description: 'Two payments for one order.' };
    const started = new Date();

    // Act 1: one complaint per channel; the email integration sends its message twice.
    const web = await call('POST', '/v1/complaints', ada, { ...complaint, channel: 'web' });
    const app = await call('POST', '/v1/complaints', bob, { ...complaint, channel: 'app' });
    const viaSocial = await call('POST', '/v1/channels/social/complaints', social, { ...complaint, messageId: 'post-1', externalRef: '@probe' });
    const viaEmail = await call('POST', '/v1/channels/email/complaints', email, { ...complaint, messageId: '<m1@mail>', externalRef: 'probe@example.com' });
    const emailAgain = await call('POST', '/v1/channels/email/complaints', email, { ...complaint, messageId: '<m1@mail>', externalRef: 'probe@example.com' });
    const viaPhone = await call('POST', '/v1/channels/phone/complaints', phone, { ...complaint, messageId: 'call-77', externalRef: '+44 20 7946 0000' });
    const socialOnEmail = await call('POST', '/v1/channels/email/complaints', social, { ...complaint, messageId: 'x', externalRef: '@x' });

    // Act 2: the agent answers two: one resolved, one waiting on the user.
    await call('POST', `/v1/complaints/${web.json.id}/claim`, agent);
    await call('POST', `/v1/complaints/${web.json.id}/messages`, agent, { body: 'Refunded.' });
    const resolved = await call('POST', `/v1/complaints/${web.json.id}/status`, agent, { status: 'resolved' });
    const asked = await call('POST', `/v1/complaints/${viaEmail.json.id}/messages`, agent, { body: 'Which order?', awaitUser: true });

    // Act 3: a day and an hour later, the sweep runs (as the schedule would). By then the stream
    // relay has long published the requests' events: wait for that here, or the sweep's own relay,
    // run with a time a day on, would find any item still waiting due and publish it a second time.
    await outboxRelayed({ dynamodbEndpoint: stack.endpoints.dynamodb, tableName: tables.complaints.localName, before: EVERY_OUTBOX_ITEM });
    const later = new Date(started.getTime() + 25 * HOUR_MS);
    const sweep = JSON.parse(await cli('job-cli.ts', ['sla-sweep', '--now', later.toISOString()]));
    const sweepAgain = JSON.parse(await cli('job-cli.ts', ['sla-sweep', '--now', later.toISOString()]));
    const range = `from=${periodOf(started, 'month')}&to=${periodOf(later, 'month')}`;
    const figures = await call('GET', `/v1/figures/customer-service?granularity=month&${range}`, agent);

    // Assess: what the probe did, and what the system says.
    expect([web.status, app.status, viaSocial.status, viaEmail.status, viaPhone.status]).toEqual([201, 201, 201, 201, 201]);
    expect(emailAgain).toMatchObject({ status: 200, json: { id: viaEmail.json.id } });
    expect(socialOnEmail.status).toBe(403);
    expect(resolved.json.status).toBe('resolved');
    expect(asked.status).toBe(201);
    // Unanswered: app, social, phone. Each breaches its first response and the 24-hour promise.
    expect(sweep).toMatchObject({ due: 3, changed: 3, breaches: 6, escalations: 3 });
    expect(sweepAgain).toMatchObject({ due: 0, changed: 0 });
    expect(figures.status).toBe(200);
    expect(figures.json.total).toMatchObject({
      received: 5,
      receivedByChannel: { web: 1, app: 1, social: 1, email: 1, phone: 1 },
      firstResponses: 2,
      answeredWithin24Hours: { met: 2, missed: 3, share: 0.4 },
      breaches: { total: 6, commitment: 3, firstResponse: 3 },
      escalations: 3,
      resolved: 1,
    });
    expect(figures.json.backlog).toMatchObject({ received: 3, open: 0, waiting_on_user: 1, resolved: 1, closed: 0 });
    // The stream relay publishes shortly after each commit: wait for the events, then for every
    // change to be relayed, so that a repeat of any would show in the counts too.
    const counts = (events = readPublishedEvents(localPaths(root).events)) => ({
      breached: events.filter((e) => e['detail-type'] === 'complaint.sla-breached').length,
      received: events.filter((e) => e['detail-type'] === 'complaint.received').length,
    });
    await vi.waitFor(() => expect(counts()).toEqual({ breached: 3, received: 5 }), { timeout: 20_000 });
    await outboxRelayed({ dynamodbEndpoint: stack.endpoints.dynamodb, tableName: tables.complaints.localName, before: EVERY_OUTBOX_ITEM });
    const events = readPublishedEvents(localPaths(root).events);
    expect(counts(events)).toEqual({ breached: 3, received: 5 });
    expect(JSON.stringify(events)).not.toMatch(/probe@example\.com|@probe|7946|probe-ada|Charged twice/);
  }, 120_000);
});
