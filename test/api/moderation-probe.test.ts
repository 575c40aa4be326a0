import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { periodOf } from '#shared/figures/periods.ts';
import { rewardPoints } from '#shared/moderation/domain/taxonomy.ts';
import { transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { startChildStack } from '../support/child-stack.ts';
import { EVERY_OUTBOX_ITEM, outboxRelayed } from '../support/outbox-relayed.ts';

/**
 * An outside probe of trust and safety: it uses only what a person at the terminal has (the HTTP
 * API, `npm run token`, `npm run job`, `npm run redrive`), on a local stack of its own whose
 * queue poller feeds the consumers as Lambda would, so its figures count nothing but what it did.
 * Users, a trusted flagger and a person without an account file notices; the content platform
 * submits posts for review; moderators decide; the affected account and a reporter appeal; the
 * rewards settlement runs with a time after the appeal window; and the outcomes, rewards, the
 * Transparency Database export and the figures are checked against the probe's own tally.
 */

const run = promisify(execFile);
const DAY_MS = 86_400_000;

let root: string;
let stack: Awaited<ReturnType<typeof startChildStack>>;

const cli = async (script: string, args: string[]) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPOSITORY_ROOT,
    env: { ...process.env, LOCAL_STACK_ROOT: root },
  });
  return stdout.trim();
};
const token = (args: string[]) => cli('infra/local/token-cli.ts', args);

const call = async (method: string, path: string, bearer: string | undefined, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${stack.endpoints.api}${path}`, {
    method,
    headers: {
      ...(bearer && { authorization: `Bearer ${bearer}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as any };
};

/** Polls until `check` returns a value: the queues are consumed in the background, as in AWS. */
const eventually = async <T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'upp-moderation-probe-'));
  stack = await startChildStack(root);
}, 90_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('an outside probe of trust and safety', () => {
  it('reports, reviews, decides, appeals and settles, and finds outcomes, rewards, exports and figures that agree with what it did', async () => {
    // Prepare: tokens from the same command a developer uses.
    const [ada, bob, cy, flagger, author, annMod, benMod, comms, platform, social] = await Promise.all([
      token(['--sub', 'probe-ada', '--role', 'user']),
      token(['--sub', 'probe-bob', '--role', 'user']),
      token(['--sub', 'probe-cy', '--role', 'user']),
      token(['--sub', 'probe-flagger', '--role', 'trusted_flagger']),
      token(['--sub', 'probe-author', '--role', 'user']),
      token(['--sub', 'probe-mod-ann', '--role', 'moderator']),
      token(['--sub', 'probe-mod-ben', '--role', 'moderator']),
      token(['--sub', 'probe-comms', '--role', 'comms']),
      token(['--client', 'contentPlatform']),
      token(['--client', 'social']),
    ]);
    const started = new Date();
    const notice = (contentId: string, category: string, explanation: string) => ({
      contentId,
      contentUrl: `https://platform.example/p/${contentId}`,
      category,
      explanation,
      goodFaith: true,
    });

    // Act 1: the content platform submits three posts; a moderator has blocklisted a scam domain.
    const blocked = await call('POST', '/v1/moderation/blocklists/url', annMod, { value: 'https://probe-scam.example', reason: 'Fake shop' });
    const submit = (contentId: string, text: string) =>
      call('POST', '/v1/content-reviews', platform, { contentId, contentType: 'text', text, authorRef: 'probe-author' });
    const clean = await submit('probe-clean', 'Our bakery opens at seven on Sundays from now on.');
    const listed = await submit('probe-listed', 'Watches at 90% off, order at https://www.probe-scam.example/deal today.');
    const ruled = await submit('probe-ruled', 'Guaranteed returns of 30% monthly: double your money with our plan.');
    // A client without the content.review scope: the gateway refuses it.
    const fromSocial = await call('POST', '/v1/content-reviews', social, { contentId: 'probe-social', contentType: 'text', text: 'Hi.', authorRef: 'x' });
    const reviewOf = (id: string) => call('GET', `/v1/content-reviews/${id}`, platform);
    const screened = await eventually(async () => {
      const all = await Promise.all([clean, listed, ruled].map((r) => reviewOf(r.json.id)));
      return all.every((r) => r.json.status !== 'pending') ? all.map((r) => r.json) : undefined;
    }, 'the content-review worker');

    // Act 2: notices: two users on one scam (one with a retry), a trusted flagger, a user, a person without an account.
    const adaKey = { 'idempotency-key': 'probe-ada-notice-1' };
    const adaNotice = await call('POST', '/v1/reports', ada, notice('probe-a', 'fraud_or_scam', 'Asks for an advance fee.'), adaKey);
    const adaRetry = await call('POST', '/v1/reports', ada, notice('probe-a', 'fraud_or_scam', 'Asks for an advance fee.'), adaKey);
    const bobNotice = await call('POST', '/v1/reports', bob, notice('probe-a', 'fraud_or_scam', 'Same advance-fee scam.'));
    const flaggerNotice = await call('POST', '/v1/reports', flagger, notice('probe-b', 'false_information', 'A fabricated election date.'));
    const cyNotice = await call('POST', '/v1/reports', cy, notice('probe-c', 'other', 'Sells counterfeit tickets.'));
    const anonymous = await call('POST', '/v1/reports/anonymous', undefined, {
      ...notice('probe-d', 'false_advertising', 'A pill that cures everything.'),
      contactEmail: 'probe-anon@example.com',
    });
    const socialNotice = await call('POST', '/v1/reports', social, notice('probe-e', 'other', 'A client is no person.'));
    const ours = ['probe-a', 'probe-b', 'probe-c', 'probe-d', 'probe-listed', 'probe-ruled'];
    const cases = await eventually(async () => {
      const { json } = await call('GET', '/v1/moderation/cases?limit=100', annMod);
      const found = new Map((json.items as Array<Record<string, any>>).map((c) => [c.contentId as string, c]));
      return ours.every((id) => found.has(id)) && found.get('probe-a')!.noticeCount === 2 ? found : undefined;
    }, 'the reports consumer');

    // Act 3: moderators decide every case (claim first).
    const decide = async (contentId: string, body: Record<string, unknown>) => {
      const id = cases.get(contentId)!.id as string;
      await call('POST', `/v1/moderation/cases/${id}/claim`, annMod);
      return call('POST', `/v1/moderation/cases/${id}/decision`, annMod, body);
    };
    const terms = (action: string, facts: string) => ({
      action,
      ground: 'terms',
      groundReference: 'Terms of service 4.2',
      groundExplanation: 'Content that deceives users about money or facts is not allowed.',
      facts,
      contentType: 'text',
      affectedAccountId: 'probe-author',
    });
    const decisions = {
      a: await decide('probe-a', terms('remove', 'The post asks for an advance fee for a loan that never comes.')),
      b: await decide('probe-b', terms('label', 'The post gives a false election date.')),
      c: await decide('probe-c', { action: 'no_action' }),
      d: await decide('probe-d', { action: 'no_action' }),
      listed: await decide('probe-listed', terms('remove', 'The post links to a known fake shop.')),
      ruled: await decide('probe-ruled', { action: 'no_action' }),
    };
    const reviewsAfter = await Promise.all([listed, ruled].map(async (r) => (await reviewOf(r.json.id)).json));

    // Act 4: the author appeals the removal (upheld by another moderator); Cy appeals "no action" (reversed).
    const authorAppeal = await call('POST', '/v1/appeals', author, { caseId: cases.get('probe-a')!.id, explanation: 'The loan offer is genuine.' });
    const upheld = await call('POST', `/v1/moderation/appeals/${authorAppeal.json.id}/decision`, benMod, {
      outcome: 'upheld',
      explanation: 'No lender asks for a fee before paying out.',
    });
    const cyAppeal = await call('POST', '/v1/appeals', cy, { caseId: cases.get('probe-c')!.id, explanation: 'The tickets are fakes: see the seller.' });
    const reversed = await call('POST', `/v1/moderation/appeals/${cyAppeal.json.id}/decision`, benMod, {
      outcome: 'reversed',
      explanation: 'The event organiser confirmed the tickets are counterfeit.',
      decision: terms('remove', 'The organiser confirmed the tickets sold in the post are counterfeit.'),
    });

    // Act 4b: the person without an account follows the notice by the receipt's token, appeals "no action" (upheld).
    const followUp = { 'x-follow-up-token': anonymous.json.followUpToken as string };
    const anonymousSeen = await call('GET', `/v1/reports/anonymous/${anonymous.json.id}`, undefined, undefined, followUp);
    const withoutToken = await call('GET', `/v1/reports/anonymous/${anonymous.json.id}`, undefined);
    const anonymousAppeal = await call(
      'POST',
      '/v1/appeals/anonymous',
      undefined,
      { noticeId: anonymous.json.id, explanation: 'The pill is sold with invented health claims.' },
      followUp,
    );
    const anonymousUpheld = await call('POST', `/v1/moderation/appeals/${anonymousAppeal.json.id}/decision`, benMod, {
      outcome: 'upheld',
      explanation: 'The post names no illness; it is advertising, not a health claim.',
    });
    const anonymousFinal = await call('GET', `/v1/reports/anonymous/${anonymous.json.id}`, undefined, undefined, followUp);

    // Act 5: an operator redrives a notice's message put back on the dead-letter queue: a repeat, with no effect.
    const sqs = new SQSClient({ endpoint: stack.endpoints.sqs, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, useQueueUrlAsEndpoint: false });
    const urlOf = async (QueueName: string) => (await sqs.send(new GetQueueUrlCommand({ QueueName }))).QueueUrl!;
    await sqs.send(new SendMessageCommand({ QueueUrl: await urlOf('reports-dlq'), MessageBody: JSON.stringify({ noticeId: adaNotice.json.id }) }));
    const redriven = JSON.parse(await cli('infra/ops/redrive-cli.ts', ['reports']));
    const reportsUrl = await urlOf('reports');
    await eventually(async () => {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: reportsUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
      );
      return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible) === 0 ? true : undefined;
    }, 'the redriven message to be consumed');
    sqs.destroy();

    // Act 6: the settlement runs as the schedule would, after the appeal window, twice.
    const later = new Date(started.getTime() + 200 * DAY_MS);
    const settled = JSON.parse(await cli('infra/local/job-cli.ts', ['rewards-settlement', '--now', later.toISOString()]));
    const settledAgain = JSON.parse(await cli('infra/local/job-cli.ts', ['rewards-settlement', '--now', later.toISOString()]));
    const rewards = Object.fromEntries(
      await Promise.all(
        Object.entries({ ada, bob, cy, flagger }).map(async ([name, bearer]) => [name, (await call('GET', '/v1/rewards/me', bearer)).json] as const),
      ),
    );
    const adaOutcome = await call('GET', `/v1/reports/${adaNotice.json.id}`, ada);
    const cyOutcome = await call('GET', `/v1/reports/${cyNotice.json.id}`, cy);
    const statement = await call('GET', `/v1/statements/${decisions.a.json.statementId}`, author);
    const strangerStatement = await call('GET', `/v1/statements/${decisions.a.json.statementId}`, bob);
    const days = [...new Set([started, new Date()].map((d) => d.toISOString().slice(0, 10)))];
    const exported = (
      await Promise.all(days.map(async (day) => (await call('GET', `/v1/transparency/statements?date=${day}&limit=100`, comms)).json.items))
    ).flat() as Array<Record<string, unknown>>;
    // Rewards count in the period the settlement credited them: up to the month of its --now.
    const range = `from=${periodOf(started, 'month')}&to=${periodOf(later, 'month')}`;
    const figures = await call('GET', `/v1/figures/moderation?granularity=month&${range}`, comms);

    // Assess: intake.
    expect(blocked.status).toBe(201);
    expect([clean.status, listed.status, ruled.status]).toEqual([202, 202, 202]);
    expect(fromSocial.status).toBe(403);
    expect(screened.map((r) => [r.status, r.publishable])).toEqual([
      ['approved', true],
      ['held', false],
      ['human_review', false],
    ]);
    expect([adaNotice.status, bobNotice.status, flaggerNotice.status, cyNotice.status, anonymous.status]).toEqual([202, 202, 202, 202, 202]);
    expect(adaRetry.json.id).toBe(adaNotice.json.id);
    expect(socialNotice.status).toBe(403);
    expect(cases.get('probe-b')).toMatchObject({ trustedNotices: 1, priority: expect.stringMatching(/high|urgent/) });

    // Assess: decisions and appeals.
    expect(Object.values(decisions).map((d) => d.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(reviewsAfter.map((r) => [r.status, r.decidedBy])).toEqual([
      ['rejected', 'moderator'],
      ['approved', 'moderator'],
    ]);
    expect(upheld.json).toMatchObject({ outcome: 'upheld', status: 'decided' });
    expect(reversed.json).toMatchObject({ outcome: 'reversed', newStatementId: expect.stringMatching(/^sor_/) });
    expect(statement.json).toMatchObject({ action: 'remove', appeal: { status: 'decided', outcome: 'upheld' } });
    expect(strangerStatement.status).toBe(404);
    expect(adaOutcome.json).toMatchObject({ outcome: 'action_taken', action: 'remove' });
    expect(anonymous.json.followUpToken).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(anonymousSeen.json).toMatchObject({ outcome: 'no_action', caseId: cases.get('probe-d')!.id, appealableUntil: expect.any(String) });
    expect(withoutToken.status).toBe(404);
    expect(anonymousAppeal.status).toBe(201);
    expect(anonymousUpheld.status).toBe(200);
    expect(anonymousFinal.json.appeal).toMatchObject({
      status: 'decided',
      outcome: 'upheld',
      decisionExplanation: 'The post names no illness; it is advertising, not a health claim.',
    });
    expect(cyOutcome.json).toMatchObject({ outcome: 'action_taken', action: 'remove' });

    // Assess: the redrive moved one message, and its repeat changed nothing.
    expect(redriven).toMatchObject({ queue: 'reports', method: 'loop', moved: 1, failed: 0 });
    const caseA = await call('GET', `/v1/moderation/cases/${cases.get('probe-a')!.id}`, annMod, undefined, { 'x-access-reason': 'checking the redrive' });
    expect(caseA.json.noticeCount).toBe(2);

    // Assess: rewards: Ada's first valid report (upheld on appeal) and Cy's (reversed in his favour), each once.
    const paid = rewardPoints.fraud_or_scam + rewardPoints.other;
    expect(settled).toMatchObject({ credited: 2, points: paid });
    expect(settledAgain).toMatchObject({ credited: 0 });
    expect(rewards.ada).toMatchObject({ balance: rewardPoints.fraud_or_scam, accepted: 1 });
    expect(rewards.bob).toMatchObject({ balance: 0, accepted: 1 });
    expect(rewards.cy).toMatchObject({ balance: rewardPoints.other, accepted: 1 });
    expect(rewards.flagger).toMatchObject({ balance: 0 });

    // Assess: the export holds the four statements (A, B, the fake shop, C on appeal), each valid, without personal data.
    const puids = [decisions.a, decisions.b, decisions.listed].map((d) => d.json.statementId).concat(reversed.json.newStatementId);
    const ourStatements = exported.filter((s) => puids.includes(s.puid));
    expect(ourStatements).toHaveLength(4);
    for (const s of ourStatements) expect(transparencyErrors(s), String(s.puid)).toBeUndefined();
    expect(JSON.stringify(exported)).not.toMatch(/probe-(author|ada|bob|cy|anon)|@example\.com|platform\.example|Asks for an advance fee|Same advance-fee|cures everything/);

    // Assess: the figures agree with the tally.
    expect(figures.status).toBe(200);
    expect(figures.json.total).toMatchObject({
      notices: 5,
      noticesBySource: { user: 3, trusted_flagger: 1, anonymous: 1 },
      noticesByCategory: { fraud_or_scam: 2, false_information: 1, other: 1, false_advertising: 1, privacy: 0 },
      duplicateNotices: 0,
      casesOpened: 6,
      actions: { remove: 3, label: 1, no_action: 3 },
      decisions: { total: 7, automated: 1, human: 6, onTermsGround: 3 },
      statements: 4,
      screening: { screened: 3, approved: 1, held: 1, humanReview: 1, truePositives: 1, falsePositives: 1, precision: 0.5 },
      appeals: { total: 3, byAffected: 1, byReporter: 2, upheld: 2, partly_reversed: 0, reversed: 1, reversals: 1 },
      misuse: { warnings: 0, suspensions: 0 },
      rewards: { paid: 2, points: paid },
    });
    expect(figures.json.total.medianNoticeToActionMinutes).not.toBeNull();

    // Assess: published events carry no one's words or contact details.
    // The stream relay publishes shortly after each commit: wait for the decisions' events, then
    // for every change to be relayed, so that a repeat of any would show in the count too.
    const decisionsTaken = () => readPublishedEvents(localPaths(root).events).filter((e) => e['detail-type'] === 'moderation.decision-taken');
    // Six decisions on cases, and the action taken on Cy's appeal.
    await vi.waitFor(() => expect(decisionsTaken()).toHaveLength(7), { timeout: 20_000 });
    await outboxRelayed({ dynamodbEndpoint: stack.endpoints.dynamodb, tableName: tables.moderation.localName, before: EVERY_OUTBOX_ITEM });
    expect(decisionsTaken()).toHaveLength(7);
    const events = readPublishedEvents(localPaths(root).events);
    expect(JSON.stringify(events)).not.toMatch(/@example\.com|Asks for an advance fee|Same advance-fee|cures everything|counterfeit tickets|probe-scam/);
    // Nor anyone's account id: the affected account and the reporters stay out of events.
    expect(JSON.stringify(events)).not.toMatch(/probe-(ada|bob|cy|flagger|author)/);
    // Nor the follow-up token of the person without an account.
    expect(JSON.stringify(events)).not.toContain(anonymous.json.followUpToken);
  }, 180_000);
});
