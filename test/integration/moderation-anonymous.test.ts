import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { moderationPaths } from '#shared/moderation/http/openapi.ts';
import { moderationPolicy } from '#shared/moderation/domain/policy.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';
import { platformTables } from '#shared/manifest/platform.ts';

/**
 * People without an account who filed a notice follow it and appeal its decision (DSA Art. 16(5)
 * and 20) by the follow-up token of their receipt, through DynamoDB Local and the SQS emulator
 * with an injected clock: on a registered reporter's terms, with nothing to learn without the token.
 */

const clock = fixedClock('2026-07-01T09:00:00.000Z');
const logger = createLogger('moderation-anonymous-test');
const logged = (['debug', 'info', 'warn', 'error'] as const).map((level) => vi.spyOn(logger, level));
let h: ModerationHarness;

beforeAll(async () => {
  h = await createModerationHarness({ clock, logger });
});
afterAll(async () => {
  await h.stop();
});

const uid = () => randomUUID().slice(0, 8);
/** Each scenario from an address of its own: the follow-up routes are limited per source address. */
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const moderator = (sub: string) => ({ caller: { sub, role: 'moderator' as const } });
const removal = {
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The post solicits cryptocurrency with a promise of returns that are never made.',
  facts: 'The wallet address in the post received payments that were never returned.',
  contentType: 'text',
  affectedAccountId: 'author-77',
};

const fileAnonymously = (contentId: string, sourceIp: string, headers: Record<string, string> = {}, contactEmail = `n-${uid()}@example.com`) =>
  h.invoke({ routeKey: 'POST /v1/reports/anonymous', body: { ...scamNotice(contentId), contactEmail }, sourceIp, headers });
const follow = (id: string, token: string | undefined, sourceIp: string) =>
  h.invoke({
    routeKey: 'GET /v1/reports/anonymous/{id}',
    pathParameters: { id },
    ...(token !== undefined && { headers: { 'x-follow-up-token': token } }),
    sourceIp,
  });
const appealAnonymously = (noticeId: string, token: string | undefined, sourceIp: string, explanation = 'The wallet in the post is a known scam wallet.') =>
  h.invoke({
    routeKey: 'POST /v1/appeals/anonymous',
    body: { noticeId, explanation },
    ...(token !== undefined && { headers: { 'x-follow-up-token': token } }),
    sourceIp,
  });
const caseOf = async (contentId: string) => {
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator('mod-lister'), query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId)!.id as string;
};
const decide = async (caseId: string, body: Record<string, unknown>, sub = 'mod-ann') => {
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator(sub), pathParameters: { id: caseId } });
  return h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator(sub), pathParameters: { id: caseId }, body });
};
/** A notice filed without an account, triaged, and decided "no action" by mod-ann. */
const decidedNoAction = async (sourceIp: string) => {
  const contentId = `post-${uid()}`;
  const filed = await fileAnonymously(contentId, sourceIp);
  await h.drain();
  const caseId = await caseOf(contentId);
  await decide(caseId, { action: 'no_action' });
  return { noticeId: filed.body!.id as string, token: filed.body!.followUpToken as string, caseId };
};
const dump = async (tableName: string) => {
  const { Items = [] } = await h.document.send(new ScanCommand({ TableName: tableName }));
  return Items.map((item) => JSON.stringify(item) + Object.values(item).map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : '')).join('')).join('\n');
};

describe('a notifier without an account follows the notice and appeals its decision', () => {
  it('sees the outcome and the appeal deadline, appeals once, and reads the reasoned reply of another moderator', async () => {
    // Prepare
    const address = someAddress();
    const contentId = `post-${uid()}`;

    // Act: filed, followed while under review, decided "no action", followed again.
    const filed = await fileAnonymously(contentId, address);
    const token = filed.body!.followUpToken as string;
    const noticeId = filed.body!.id as string;
    const received = await follow(noticeId, token, address);
    await h.drain();
    const caseId = await caseOf(contentId);
    const decided = await decide(caseId, { action: 'no_action' });
    const decidedAt = decided.body!.case.decision.at as string;
    const afterDecision = await follow(noticeId, token, address);

    // Assess: the token comes with the receipt; nothing of it is stored.
    expect(filed.status).toBe(202);
    expect(filed.body).toMatchObject({ id: expect.stringMatching(/^ntc_/), status: 'received' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(20);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ id: noticeId, outcome: 'under_review', contentId });
    expect(received.body!.appealableUntil).toBeUndefined();
    expect(afterDecision.status).toBe(200);
    expect(afterDecision.body).toMatchObject({
      outcome: 'no_action',
      decidedAt,
      action: 'no_action',
      caseId,
      appealableUntil: new Date(Date.parse(decidedAt) + moderationPolicy.appealWindowMs).toISOString(),
    });
    expect(afterDecision.body!.appeal).toBeUndefined();
    // Nothing of the personal data given with the notice comes back to a bearer of the token.
    expect(JSON.stringify(afterDecision.body)).not.toMatch(/@example\.com|double any bitcoin/);

    // Act: the appeal, a second one, the decision by the deciding moderator, then by another.
    clock.advance(60_000);
    const appeal = await appealAnonymously(noticeId, token, address);
    const again = await appealAnonymously(noticeId, token, address, 'Once more.');
    const pending = await follow(noticeId, token, address);
    const queue = await h.invoke({ routeKey: 'GET /v1/moderation/appeals', ...moderator('mod-ben'), headers: { 'x-access-reason': 'moderation' }, query: { limit: '100' } });
    const sameModerator = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ann'),
      pathParameters: { id: appeal.body!.id },
      body: { outcome: 'upheld', explanation: 'Still fine.' },
    });
    const reversed = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: appeal.body!.id },
      body: { outcome: 'reversed', explanation: 'The wallet is listed as a scam wallet; the post is removed.', decision: removal },
    });
    const final = await follow(noticeId, token, address);
    const figures = await h.invoke({
      routeKey: 'GET /v1/figures/moderation',
      caller: { sub: 'comms-1', role: 'comms' },
      query: { granularity: 'quarter', from: '2026-Q3', to: '2026-Q3' },
    });

    // Assess
    expect(appeal.status).toBe(201);
    expect(appeal.body).toMatchObject({ caseId, appellant: 'reporter', appealedAction: 'no_action', status: 'pending' });
    expect(again.status).toBe(409);
    expect(again.body!.type).toContain('already-appealed');
    expect(pending.body!.appeal).toMatchObject({ id: appeal.body!.id, status: 'pending' });
    expect(pending.body!.appealableUntil).toBeUndefined();
    // Moderators see the appeal like any other, with the appellant's explanation.
    expect(queue.body!.items).toContainEqual(
      expect.objectContaining({ id: appeal.body!.id, appellant: 'reporter', explanation: 'The wallet in the post is a known scam wallet.' }),
    );
    expect(sameModerator.status).toBe(403);
    expect(reversed.status).toBe(200);
    expect(final.status).toBe(200);
    expect(final.body).toMatchObject({
      outcome: 'action_taken',
      action: 'remove',
      statementId: reversed.body!.newStatementId,
      appeal: {
        id: appeal.body!.id,
        status: 'decided',
        outcome: 'reversed',
        decidedAt: clock.now().toISOString(),
        decisionExplanation: 'The wallet is listed as a scam wallet; the post is removed.',
      },
    });
    expect(final.body!.appeal.explanation).toBeUndefined();
    expect(figures.body!.total.appeals).toMatchObject({ total: 1, byReporter: 1, reversed: 1 });

    // Assess: the token is nowhere, nor its digest: not in the table (outbox included), not in the log.
    const stored = await dump(h.tableNames.moderation);
    expect(stored).toContain(noticeId);
    expect(stored).not.toContain(createHash('sha256').update(token).digest('base64url'));
    expect(stored).not.toContain(token);
    expect(logged.some((spy) => spy.mock.calls.length > 0)).toBe(true);
    expect(JSON.stringify(logged.map((spy) => spy.mock.calls))).not.toContain(token);
  });

  it('answers every repeat with the same Idempotency-Key, concurrent ones too, with the same notice and the same working token', async () => {
    // Prepare
    const address = someAddress();
    const contentId = `post-${uid()}`;
    const headers = { 'idempotency-key': `anon-${uid()}-${uid()}` };
    const contactEmail = `n-${uid()}@example.com`;
    const first = await fileAnonymously(contentId, address, headers, contactEmail);

    // Act: six repeats at once, then the notice followed with the first answer's token.
    const repeats = await Promise.all(Array.from({ length: 6 }, () => fileAnonymously(contentId, address, headers, contactEmail)));
    const withFirst = await follow(first.body!.id, first.body!.followUpToken, address);
    const withRepeats = await Promise.all(repeats.map((repeat) => follow(first.body!.id, repeat.body!.followUpToken, address)));

    // Assess: one notice, one token; no repeat retired the first answer's token.
    expect(first.status).toBe(202);
    expect(repeats.map((repeat) => repeat.status)).toEqual(Array(6).fill(202));
    expect(new Set(repeats.map((repeat) => repeat.body!.id))).toEqual(new Set([first.body!.id]));
    expect(new Set(repeats.map((repeat) => repeat.body!.followUpToken))).toEqual(new Set([first.body!.followUpToken]));
    expect(withFirst.status).toBe(200);
    expect(withRepeats.map((answer) => answer.status)).toEqual(Array(6).fill(200));
    // The idempotency record keeps the receipt, never the token.
    const records = await dump(readTableName(platformTables.idempotency, h.env));
    expect(records).toContain(first.body!.id);
    expect(records).not.toContain(first.body!.followUpToken);
  });
});

describe('appeal rights belong to the notice and its token, not to the contact email', () => {
  it('keeps the appeals of two notices on one content with one mailbox, written differently, apart: each appeals with its own token and sees only its own appeal', async () => {
    // Prepare: the notifier, and someone else who knows their email and the content, each from an address of their own.
    const contentId = `post-${uid()}`;
    const local = `ada.${uid()}`;
    const [notifierAddress, otherAddress] = [someAddress(), someAddress()];
    const notifier = await fileAnonymously(contentId, notifierAddress, {}, `${local}@gmail.com`);
    const other = await fileAnonymously(contentId, otherAddress, {}, `${local.replace('.', '').toUpperCase()}+appeal@GoogleMail.com`);
    await h.drain();
    const caseId = await caseOf(contentId);
    await decide(caseId, { action: 'no_action' });
    const [notifierToken, otherToken] = [notifier.body!.followUpToken as string, other.body!.followUpToken as string];

    // Act: the other notice appeals first; then the notifier tries; the other repeats.
    const otherAppeal = await appealAnonymously(other.body!.id, otherToken, otherAddress, 'Appealed with the other notice.');
    const notifierAppeal = await appealAnonymously(notifier.body!.id, notifierToken, notifierAddress);
    const otherAgain = await appealAnonymously(other.body!.id, otherToken, otherAddress, 'Once more.');
    const notifierSees = await follow(notifier.body!.id, notifierToken, notifierAddress);
    const otherSees = await follow(other.body!.id, otherToken, otherAddress);
    const crossed = await appealAnonymously(notifier.body!.id, otherToken, otherAddress);

    // Assess: one token, one notice: the notifier was not told they had appealed, nor shown the other appeal.
    expect(other.body!.id).not.toBe(notifier.body!.id);
    expect(otherAppeal.status).toBe(201);
    // The case has one appeal pending, as it would after a registered co-reporter's: refused for the case, not for the email.
    expect(notifierAppeal.status).toBe(409);
    expect(notifierAppeal.body!.type).toContain('appeal-pending');
    expect(otherAgain.status).toBe(409);
    expect(otherAgain.body!.type).toContain('already-appealed');
    expect(notifierSees.status).toBe(200);
    expect(notifierSees.body).toMatchObject({ id: notifier.body!.id, outcome: 'no_action', caseId });
    expect(notifierSees.body!.appeal).toBeUndefined();
    expect(otherSees.body!.appeal).toMatchObject({ id: otherAppeal.body!.id, status: 'pending' });
    expect(crossed.status).toBe(404);
    // The appeal and its one-per-decision pointer name the notice, not the pseudonym of the email.
    const stored = await dump(h.tableNames.moderation);
    expect(stored).toContain(`APPEAL-BY#notice:${other.body!.id}#no-action`);
    expect(stored).not.toMatch(/APPEAL-BY#anon:/);
  });

  it('lets each notice of one mailbox appeal the decision on its own case, and shows each its own appeal and reply', async () => {
    // Prepare: two notices of one mailbox on two contents, each decided "no action".
    const mailbox = `n-${uid()}@example.com`;
    const [first, second] = [`post-${uid()}`, `post-${uid()}`];
    const [firstAddress, secondAddress] = [someAddress(), someAddress()];
    const firstNotice = await fileAnonymously(first, firstAddress, {}, mailbox);
    const secondNotice = await fileAnonymously(second, secondAddress, {}, mailbox.toUpperCase());
    await h.drain();
    await decide(await caseOf(first), { action: 'no_action' });
    await decide(await caseOf(second), { action: 'no_action' });

    // Act
    const firstAppeal = await appealAnonymously(firstNotice.body!.id, firstNotice.body!.followUpToken, firstAddress, 'The first one is a scam.');
    const secondAppeal = await appealAnonymously(secondNotice.body!.id, secondNotice.body!.followUpToken, secondAddress, 'The second one too.');
    await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: firstAppeal.body!.id },
      body: { outcome: 'upheld', explanation: 'The first post promises nothing it cannot keep.' },
    });
    const firstSees = await follow(firstNotice.body!.id, firstNotice.body!.followUpToken, firstAddress);
    const secondSees = await follow(secondNotice.body!.id, secondNotice.body!.followUpToken, secondAddress);

    // Assess
    expect([firstAppeal.status, secondAppeal.status]).toEqual([201, 201]);
    expect(firstSees.body!.appeal).toMatchObject({ id: firstAppeal.body!.id, status: 'decided', decisionExplanation: 'The first post promises nothing it cannot keep.' });
    expect(secondSees.body!.appeal).toMatchObject({ id: secondAppeal.body!.id, status: 'pending' });
  });
});

describe('nothing to learn without the token', () => {
  it('answers a wrong, missing or other notice token, and a notice filed from an account, with the same 404', async () => {
    // Prepare
    const address = someAddress();
    const mine = await decidedNoAction(address);
    const other = await fileAnonymously(`post-${uid()}`, address);
    const registered = await h.invoke({ routeKey: 'POST /v1/reports', caller: { sub: `user-${uid()}`, role: 'user' }, body: scamNotice(`post-${uid()}`) });
    const guess = randomBytes(20).toString('base64url');

    // Act
    const refusals = [
      await follow(mine.noticeId, guess, address),
      await follow(mine.noticeId, undefined, address),
      await follow(mine.noticeId, other.body!.followUpToken, address),
      await follow(registered.body!.id, mine.token, address),
      await follow(registered.body!.id, guess, address),
      await follow(`ntc_${'0'.repeat(26)}`, mine.token, address),
      await appealAnonymously(mine.noticeId, guess, address),
      await appealAnonymously(mine.noticeId, undefined, address),
      await appealAnonymously(mine.noticeId, other.body!.followUpToken, address),
      await appealAnonymously(registered.body!.id, mine.token, address),
    ];
    const malformed = await follow(mine.noticeId, 'not-a-token', address);
    const badPath = await follow('case_1', mine.token, address);
    const stillMine = await follow(mine.noticeId, mine.token, address);

    // Assess: one answer for every way of not holding the notice's token.
    for (const refusal of refusals) {
      expect(refusal.status, JSON.stringify(refusal.body)).toBe(404);
      expect(refusal.headers['content-type']).toBe('application/problem+json');
      const { correlationId: _id, ...problem } = refusal.body!;
      expect(problem).toEqual({ type: 'urn:user-protection:problem:not-found', title: 'Not found', status: 404, detail: 'No such resource.' });
    }
    expect(malformed.status).toBe(400);
    expect(malformed.body!.errors).toEqual([expect.objectContaining({ in: 'header', path: 'x-follow-up-token' })]);
    expect(badPath.status).toBe(400);
    expect(badPath.body!.errors).toEqual([expect.objectContaining({ in: 'path', path: 'id' })]);
    // No refusal filed anything: the notifier still has the appeal to make.
    expect(stillMine.body!.appeal).toBeUndefined();
  });

  it('limits the follow-up routes per source address, so tokens cannot be tried cheaply', async () => {
    // Prepare
    const address = someAddress();
    const mine = await decidedNoAction(someAddress());
    const { limit } = moderationPolicy.rateLimits.anonymousAddress;

    // Act: guesses from one address up to the limit; then even the right token waits.
    const guesses = [];
    for (let i = 0; i < limit; i += 1) guesses.push(await follow(mine.noticeId, randomBytes(20).toString('base64url'), address));
    const limited = await follow(mine.noticeId, mine.token, address);
    const limitedAppeal = await appealAnonymously(mine.noticeId, mine.token, address);
    const elsewhere = await follow(mine.noticeId, mine.token, someAddress());

    // Assess
    expect(guesses.every((g) => g.status === 404)).toBe(true);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limitedAppeal.status).toBe(429);
    expect(elsewhere.status).toBe(200);
  });

  it('counts an IPv6 client by its /64, however it writes or rotates its address, and an IPv4-mapped address as the IPv4 address', async () => {
    // Prepare
    const mine = await decidedNoAction(someAddress());
    const { limit } = moderationPolicy.rateLimits.anonymousAddress;
    const group = () => randomInt(0x10000).toString(16);
    const prefix = `2001:db8:${group()}:${group()}`;
    const ipv4 = someAddress();
    const guess = () => randomBytes(20).toString('base64url');

    // Act: guesses from ever other addresses of one /64, then the right token from yet another of it.
    const guesses = [];
    for (let i = 0; i < limit; i += 1) guesses.push(await follow(mine.noticeId, guess(), `${prefix}:${group()}:${group()}:${group()}:${i.toString(16)}`));
    const sameSubnet = await follow(mine.noticeId, mine.token, `${prefix.replace('2001:db8:', '2001:0db8:')}:ffff:ffff:ffff:ffff`);
    const nextSubnet = await follow(mine.noticeId, mine.token, `2001:db8:${group()}:${group()}::1`);
    for (let i = 0; i < limit; i += 1) await follow(mine.noticeId, guess(), `::ffff:${ipv4}`);
    const sameIpv4 = await follow(mine.noticeId, mine.token, ipv4);

    // Assess
    expect(guesses.every((g) => g.status === 404)).toBe(true);
    expect(sameSubnet.status).toBe(429);
    expect(nextSubnet.status).toBe(200);
    expect(sameIpv4.status).toBe(429);
  });
});

describe('a stranger giving someone else’s email', () => {
  it('cannot lock that mailbox out of reporting: neither by the limits nor by unfounded notices', async () => {
    // Prepare: a stranger files in the victim's name from their own address until the limit, and gets those notices found unfounded
    const victim = `victim-${uid()}@example.com`;
    const stranger = someAddress();
    for (let i = 0; i < moderationPolicy.misuse.suspendAfter; i += 1) {
      const contentId = `post-${uid()}`;
      const filed = await fileAnonymously(contentId, stranger, {}, victim);
      await h.drain();
      await decide(await caseOf(contentId), { action: 'no_action', unfoundedNoticeIds: [filed.body!.id] });
    }
    const strangerAgain = await fileAnonymously(`post-${uid()}`, stranger, {}, victim);

    // Act
    const victimFiles = await fileAnonymously(`post-${uid()}`, someAddress(), {}, victim.toUpperCase());

    // Assess
    expect(strangerAgain.status).toBe(429);
    expect(victimFiles.status).toBe(202);
  });
});

describe('what the anonymous routes answer is what their OpenAPI document lists', () => {
  const documented = (path: string, method: 'get' | 'post') => Object.keys(moderationPaths[path]![method]!.responses!);

  it('documents every refusal of a filing without an account: not JSON, too large, a reused Idempotency-Key, reporting suspended', async () => {
    // Prepare: a source address whose notices were found manifestly unfounded often enough to suspend it (DSA Art. 23).
    const mailbox = `troll-${uid()}@example.com`;
    const trollAddress = someAddress();
    for (let i = 0; i < moderationPolicy.misuse.suspendAfter; i += 1) {
      const contentId = `post-${uid()}`;
      const filed = await fileAnonymously(contentId, trollAddress, {}, mailbox);
      await h.drain();
      await decide(await caseOf(contentId), { action: 'no_action', unfoundedNoticeIds: [filed.body!.id] });
    }
    clock.advance(moderationPolicy.rateLimits.anonymousEmail.windowMs);
    const key = { 'idempotency-key': `anon-${uid()}-${uid()}` };
    const route = 'POST /v1/reports/anonymous';

    // Act
    const answers = {
      suspended: await fileAnonymously(`post-${uid()}`, trollAddress, {}, mailbox),
      notJson: await h.invoke({ routeKey: route, rawBody: 'contentId=1', headers: { 'content-type': 'text/plain' }, sourceIp: someAddress() }),
      tooLarge: await h.invoke({ routeKey: route, body: { ...scamNotice(`post-${uid()}`), explanation: 'x'.repeat(70_000) }, sourceIp: someAddress() }),
      keyFirst: await fileAnonymously(`post-${uid()}`, someAddress(), key),
      keyReused: await fileAnonymously(`post-${uid()}`, someAddress(), key),
      appealTooLarge: await h.invoke({
        routeKey: 'POST /v1/appeals/anonymous',
        body: { noticeId: `ntc_${'0'.repeat(26)}`, explanation: 'x'.repeat(70_000) },
        sourceIp: someAddress(),
      }),
    };

    // Assess
    expect(answers.suspended.status).toBe(403);
    expect(answers.suspended.body!.type).toContain('reporting-suspended');
    expect(answers.notJson.status).toBe(415);
    expect(answers.tooLarge.status).toBe(413);
    expect(answers.keyFirst.status).toBe(202);
    expect(answers.keyReused.status).toBe(422);
    expect(answers.appealTooLarge.status).toBe(413);
    const { appealTooLarge, ...filings } = answers;
    expect(documented('/v1/reports/anonymous', 'post')).toEqual(expect.arrayContaining(Object.values(filings).map((a) => String(a.status))));
    expect(documented('/v1/appeals/anonymous', 'post')).toContain(String(appealTooLarge.status));
  });
});

describe('the appeal rules of registered reporters', () => {
  it('refuses an appeal before the decision, on a decision that acted, and after the appeal window', async () => {
    // Prepare
    const address = someAddress();
    const undecided = await fileAnonymously(`post-${uid()}`, address);
    const actedOn = `post-${uid()}`;
    const actedOnNotice = await fileAnonymously(actedOn, address);
    await h.drain();
    await decide(await caseOf(actedOn), removal);
    const late = await decidedNoAction(address);

    // Act
    const tooEarly = await appealAnonymously(undecided.body!.id, undecided.body!.followUpToken, address);
    const onRemoval = await appealAnonymously(actedOnNotice.body!.id, actedOnNotice.body!.followUpToken, address);
    clock.advance(moderationPolicy.appealWindowMs + 60_000);
    const tooLate = await appealAnonymously(late.noticeId, late.token, address);
    const seen = await follow(late.noticeId, late.token, address);

    // Assess
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body!.type).toContain('not-decided');
    expect(onRemoval.status).toBe(403);
    expect(tooLate.status).toBe(409);
    expect(tooLate.body!.type).toContain('appeal-window-closed');
    expect(seen.body).toMatchObject({ outcome: 'no_action' });
    expect(seen.body!.appeal).toBeUndefined();
  });
});
