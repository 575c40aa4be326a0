import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { MAX_TRACKED_REPORTERS } from '#shared/moderation/domain/index.ts';
import { moderationPolicy } from '#shared/moderation/domain/policy.ts';
import { transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';
import { createModerationHarness, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * The trust-and-safety paths beyond the main flow (test/integration/moderation.test.ts), through
 * DynamoDB Local and the SQS emulator with an injected clock: a partly reversed appeal, the
 * blocklists of media hashes, URLs and payment accounts in content review, the claim lease, and
 * reward abuse (the same report twice, several accounts on one target, a flood of notices).
 */

const clock = fixedClock('2026-06-01T09:00:00.000Z');
let h: ModerationHarness;

beforeAll(async () => {
  h = await createModerationHarness({ clock });
});
afterAll(async () => {
  await h.stop();
});

const uid = () => randomUUID().slice(0, 8);
const user = (sub: string) => ({ caller: { sub, role: 'user' as const } });
const moderator = (sub: string) => ({ caller: { sub, role: 'moderator' as const } });
const platform = {
  machine: { clientId: 'content-platform', scopes: ['user-protection/content.review', 'user-protection/moderation.enforcement'] },
};

const report = (harness: ModerationHarness, sub: string, contentId: string) =>
  harness.invoke({
    routeKey: 'POST /v1/reports',
    ...user(sub),
    body: {
      contentId,
      contentUrl: `https://platform.example/p/${contentId}`,
      category: 'fraud_or_scam',
      explanation: 'A fake shop that takes payment and never ships.',
      goodFaith: true,
    },
  });
const caseOf = async (harness: ModerationHarness, contentId: string) => {
  const listed = await harness.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator('mod-lister'), query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId);
};
const claim = (harness: ModerationHarness, caseId: string, sub: string) =>
  harness.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator(sub), pathParameters: { id: caseId } });
const decide = (harness: ModerationHarness, caseId: string, sub: string, body: Record<string, unknown>) =>
  harness.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator(sub), pathParameters: { id: caseId }, body });
const rewardsOf = async (harness: ModerationHarness, sub: string) => (await harness.invoke({ routeKey: 'GET /v1/rewards/me', ...user(sub) })).body!;

const measure = (action: string, extra: Record<string, unknown> = {}) => ({
  action,
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The shop takes payment for goods it never ships.',
  facts: 'Three buyers paid and received nothing; the shop answers no messages.',
  contentType: 'text',
  territorialScope: ['DE'],
  contentLanguage: 'DE',
  ...extra,
});

/** A notice by `reporter` on new content, triaged through the queue; the case id. */
const openCase = async (reporter: string) => {
  const contentId = `post-${uid()}`;
  await report(h, reporter, contentId);
  await h.drain();
  return { contentId, caseId: (await caseOf(h, contentId))!.id as string };
};

describe('an appeal partly reversed', () => {
  it('replaces the measure by a lesser one with a new statement, keeps the first, and credits the reporter at once', async () => {
    // Prepare: a 30-day account suspension, appealed by the account holder.
    const reporter = `rita-${uid()}`;
    const author = `author-${uid()}`;
    const { caseId } = await openCase(reporter);
    await claim(h, caseId, 'mod-ann');
    const decided = await decide(h, caseId, 'mod-ann', measure('suspend_account', { durationDays: 30, affectedAccountId: author }));
    const original = decided.body!.statementId as string;
    const appeal = await h.invoke({
      routeKey: 'POST /v1/appeals',
      ...user(author),
      body: { caseId, explanation: 'One late delivery does not make my shop a scam.' },
    });
    const heldWhileAppealed = await rewardsOf(h, reporter);

    // Act: a harsher "lesser" measure is refused; removing the post instead is accepted.
    const harsher = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: appeal.body!.id },
      body: { outcome: 'partly_reversed', explanation: 'Too harsh.', decision: measure('terminate_account') },
    });
    const partly = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: appeal.body!.id },
      body: {
        outcome: 'partly_reversed',
        explanation: 'The post misleads buyers, but a suspension is disproportionate for a first case.',
        decision: measure('remove', { facts: 'The post promises delivery in two days; three buyers waited weeks.' }),
      },
    });
    const replacement = partly.body!.newStatementId as string;
    const newStatement = await h.invoke({ routeKey: 'GET /v1/statements/{puid}', ...user(author), pathParameters: { puid: replacement } });
    const firstStatement = await h.invoke({ routeKey: 'GET /v1/statements/{puid}', ...user(author), pathParameters: { puid: original } });
    const caseAfter = await h.invoke({ routeKey: 'GET /v1/moderation/cases/{id}', ...moderator('mod-ben'), headers: { 'x-access-reason': 'moderation' }, pathParameters: { id: caseId } });
    const exported = await h.invoke({
      routeKey: 'GET /v1/transparency/statements',
      caller: { sub: 'comms-1', role: 'comms' },
      query: { date: clock.now().toISOString().slice(0, 10) },
    });
    const settled = (await h.settleRewards(clock.now())) as { credited: number };
    const rewards = await rewardsOf(h, reporter);
    const again = await h.invoke({ routeKey: 'POST /v1/appeals', ...user(author), body: { caseId, explanation: 'Still unfair.' } });
    const enforce = async (puid: string) =>
      (await h.invoke({ routeKey: 'GET /v1/enforcement/statements/{puid}', ...platform, pathParameters: { puid } })).body;
    const [enforceFirst, enforceReplacement] = [await enforce(original), await enforce(replacement)];

    // Assess
    expect(appeal.status).toBe(201);
    expect(heldWhileAppealed.pending).toEqual([expect.objectContaining({ status: 'held' })]);
    expect(harsher.status).toBe(400);
    expect(JSON.stringify(harsher.body)).toContain('lesser measure');
    expect(partly.status).toBe(200);
    expect(partly.body).toMatchObject({ outcome: 'partly_reversed', status: 'decided', newStatementId: expect.stringMatching(/^sor_/) });
    expect(replacement).not.toBe(original);
    expect(newStatement.body).toMatchObject({ puid: replacement, action: 'remove', replaces: original, source: 'notice' });
    expect(newStatement.body!.durationDays).toBeUndefined();
    expect(firstStatement.body).toMatchObject({ puid: original, action: 'suspend_account', durationDays: 30 });
    expect(caseAfter.body!.decision).toMatchObject({ action: 'suspend_account', replacedBy: { action: 'remove', statementId: replacement } });
    expect(caseAfter.body!.decision.reversedAt).toBeUndefined();
    const items = exported.body!.items as Array<Record<string, unknown>>;
    const both = items.filter((s) => s.puid === original || s.puid === replacement);
    expect(both).toHaveLength(2);
    for (const statement of both) expect(transparencyErrors(statement)).toBeUndefined();
    expect(both.find((s) => s.puid === replacement)).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'] });
    // The decision to act stood (in part): the first valid report is credited without waiting for the window.
    expect(settled.credited).toBe(1);
    expect(rewards).toMatchObject({ balance: 100, accepted: 1, rejected: 0 });
    expect(again.status).toBe(409);
    // The platform learns which account to lift the suspension from; events never named it.
    expect(enforceFirst).toMatchObject({ action: 'suspend_account', affectedAccountId: author, status: 'replaced', replacedBy: replacement });
    expect(enforceReplacement).toMatchObject({ action: 'remove', status: 'in_force' });
  });
});

describe('blocklists in content review', () => {
  const submit = (extra: Record<string, unknown>) =>
    h.invoke({
      routeKey: 'POST /v1/content-reviews',
      ...platform,
      body: { contentId: `post-${uid()}`, contentType: 'image', authorRef: `author-${uid()}`, ...extra },
    });
  const reviewOf = async (id: string) => (await h.invoke({ routeKey: 'GET /v1/content-reviews/{id}', ...platform, pathParameters: { id } })).body!;
  const block = (kind: string, value: string) =>
    h.invoke({
      routeKey: 'POST /v1/moderation/blocklists/{kind}',
      ...moderator('mod-lists'),
      pathParameters: { kind },
      body: { value, reason: `Known ${kind} of a scam ring` },
    });

  it('holds content whose media hash, URL or payment account is blocklisted, however it is written, and releases it once the entry is removed', async () => {
    // Prepare: one entry per kind.
    const hash = randomUUID().replaceAll('-', '');
    const domain = `cheap-watches-${uid()}.example`;
    const iban = 'DE89370400440532013000';
    const entries = [await block('media_hash', hash.toUpperCase()), await block('url', `https://${domain}`), await block('payment_account', iban)];
    const duplicateEntry = await block('payment_account', 'de89 3704 0044 0532 0130 00');

    // Act: content naming each, written differently from the entry; and clean content.
    const byHash = await submit({ mediaHashes: [hash], text: 'Look at this!' });
    const byUrl = await submit({ urls: [`http://shop.WWW.${domain}/offer/`], text: 'Great deals today.' });
    const byUrlInText = await submit({ text: `Order now at https://${domain}/checkout?ref=1 before it is gone.` });
    const byIban = await submit({ text: 'Pay in advance to DE89 3704 0044 0532 0130 00, shipping within a day.' });
    const clean = await submit({ mediaHashes: [randomUUID().replaceAll('-', '')], text: 'Sunset over the harbour.' });
    await h.drain();
    const reviews = await Promise.all([byHash, byUrl, byUrlInText, byIban, clean].map((r) => reviewOf(r.body!.id)));

    // Act: the payment account is taken off the list; the same text is submitted again.
    const removed = await h.invoke({
      routeKey: 'DELETE /v1/moderation/blocklists/{kind}/{entryId}',
      ...moderator('mod-lists'),
      pathParameters: { kind: 'payment_account', entryId: entries[2]!.body!.id },
    });
    const afterRemoval = await submit({ text: 'Pay in advance to DE89 3704 0044 0532 0130 00, shipping within a day.' });
    await h.drain();
    const released = await reviewOf(afterRemoval.body!.id);
    const listed = await h.invoke({ routeKey: 'GET /v1/moderation/blocklists/{kind}', ...moderator('mod-lists'), headers: { 'x-access-reason': 'moderation' }, pathParameters: { kind: 'media_hash' } });
    const stored = await h.document.send(
      new QueryCommand({ TableName: h.tableNames.moderation, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'BLOCKLIST#payment_account' } }),
    );

    // Assess
    expect(entries.map((e) => e.status)).toEqual([201, 201, 201]);
    expect(duplicateEntry.status).toBe(409);
    expect(reviews.map((r) => [r.status, r.signals])).toEqual([
      ['held', ['blocklist:media_hash']],
      ['held', ['blocklist:url']],
      ['held', ['blocklist:url']],
      ['held', ['blocklist:payment_account']],
      ['approved', []],
    ]);
    for (const r of reviews.slice(0, 4)) expect(r).toMatchObject({ publishable: false, caseId: expect.stringMatching(/^case_/) });
    expect(removed.status).toBe(204);
    expect(released).toMatchObject({ status: 'approved', publishable: true });
    expect((listed.body!.items as Array<{ value: string }>).map((i) => i.value)).toContain(hash.toUpperCase());
    // The account number is a person's identifier: the list keeps it only as a keyed pseudonym (and sealed).
    expect(JSON.stringify(stored.Items)).not.toMatch(/DE89|370400440532013000/i);
  });

  it('refuses values that are not what their list holds, however long, and screens content with huge URLs', async () => {
    // Act
    const refused = await Promise.all([
      block('media_hash', 'not-a-hash'),
      block('url', `https://a.example/${'y'.repeat(1020)}`),
      block('media_hash', 'a'.repeat(1100)),
      block('phone', 'x'.repeat(2048)),
      block('payment_account', '12'),
    ]);
    const hugeUrl = await submit({ urls: [`https://b.example/${'z'.repeat(1900)}`], text: 'A very long link.' });
    await h.drain();
    const screened = await reviewOf(hugeUrl.body!.id);

    // Assess
    for (const answer of refused) expect(answer).toMatchObject({ status: 409, body: { type: 'urn:user-protection:problem:invalid-value' } });
    expect(hugeUrl.status).toBe(202);
    expect(screened).toMatchObject({ status: 'approved' });
  });
});

describe('the claim lease', () => {
  it('refuses another moderator while the lease holds, and lets them take over once it has expired', async () => {
    // Prepare
    const { caseId } = await openCase(`lena-${uid()}`);
    const first = await claim(h, caseId, 'mod-ann');

    // Act: while Ann's lease holds.
    clock.advance(moderationPolicy.leaseMs - 60_000);
    const refusedClaim = await claim(h, caseId, 'mod-ben');
    const refusedDecision = await decide(h, caseId, 'mod-ben', { action: 'no_action' });
    // Act: after it expired, Ann is too late; Ben takes over and decides.
    clock.advance(2 * 60_000);
    const lateDecision = await decide(h, caseId, 'mod-ann', { action: 'no_action' });
    const takeover = await claim(h, caseId, 'mod-ben');
    const annAfterTakeover = await decide(h, caseId, 'mod-ann', { action: 'no_action' });
    const decided = await decide(h, caseId, 'mod-ben', { action: 'no_action' });

    // Assess
    expect(first.status).toBe(200);
    expect(first.body!.lease.moderatorId).toBe('mod-ann');
    expect(refusedClaim.status).toBe(409);
    expect(refusedClaim.body!.type).toContain('already-claimed');
    expect(refusedDecision.status).toBe(409);
    expect(refusedDecision.body!.type).toContain('claim-first');
    expect(lateDecision.status).toBe(409);
    expect(lateDecision.body!.type).toContain('lease-expired');
    expect(takeover.status).toBe(200);
    expect(takeover.body!.lease).toEqual({
      moderatorId: 'mod-ben',
      expiresAt: new Date(clock.now().getTime() + moderationPolicy.leaseMs).toISOString(),
    });
    expect(annAfterTakeover.status).toBe(409);
    expect(decided.status).toBe(200);
    expect(decided.body!.case).toMatchObject({ status: 'decided', decision: { action: 'no_action', by: 'mod-ben' } });
  });
});

describe('reward abuse', () => {
  it('rewards the same report filed twice by one account once', async () => {
    // Prepare
    const reporter = `sam-${uid()}`;
    const contentId = `post-${uid()}`;

    // Act
    const first = await report(h, reporter, contentId);
    clock.advance(1000);
    const second = await report(h, reporter, contentId);
    await h.drain();
    const c = (await caseOf(h, contentId))!;
    await claim(h, c.id, 'mod-ann');
    await decide(h, c.id, 'mod-ann', measure('remove'));
    const windowEnd = new Date(clock.now().getTime() + moderationPolicy.appealWindowMs + 1000);
    const runs = [(await h.settleRewards(windowEnd)) as { credited: number }, (await h.settleRewards(windowEnd)) as { credited: number }];
    const rewards = await rewardsOf(h, reporter);

    // Assess: two notices, one reporter, one reward and one reputation step.
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(c).toMatchObject({ noticeCount: 2, reporterCount: 1 });
    expect(runs.map((r) => r.credited)).toEqual([1, 0]);
    expect(rewards).toMatchObject({ balance: 100, reputation: 1, accepted: 1 });
    expect(rewards.ledger).toEqual([expect.objectContaining({ noticeId: first.body!.id, points: 100 })]);
  });

  it('rewards only the first valid report of several accounts on one target, whatever order the queue delivers them in', async () => {
    // Prepare: no poller here; the notices are triaged in reverse order of arrival.
    const q = await createModerationHarness({ clock, poll: false });
    try {
      const contentId = `post-${uid()}`;
      const accounts = [`acc1-${uid()}`, `acc2-${uid()}`, `acc3-${uid()}`];
      const notices = [];
      for (const account of accounts) {
        notices.push((await report(q, account, contentId)).body!.id as string);
        clock.advance(1000);
      }
      for (const id of [...notices].reverse()) await q.triageNotice(id);
      const c = (await caseOf(q, contentId))!;

      // Act
      await claim(q, c.id, 'mod-ann');
      await decide(q, c.id, 'mod-ann', measure('remove'));
      const windowEnd = new Date(clock.now().getTime() + moderationPolicy.appealWindowMs + 1000);
      const settled = (await q.settleRewards(windowEnd)) as { credited: number; points: number };
      const balances = await Promise.all(accounts.map(async (a) => (await rewardsOf(q, a)) as { balance: number; reputation: number }));

      // Assess: each report counts for reputation; only the earliest is paid.
      expect(c).toMatchObject({ noticeCount: 3, reporterCount: 3 });
      expect(settled).toMatchObject({ credited: 1, points: 100 });
      expect(balances.map((b) => b.balance)).toEqual([100, 0, 0]);
      expect(balances.map((b) => b.reputation)).toEqual([1, 1, 1]);
    } finally {
      await q.stop();
    }
  });

  it('stops a flood of notices from one account at the rate limit, until the window has passed', async () => {
    // Prepare
    const flooder = `flo-${uid()}`;
    const { limit, windowMs } = moderationPolicy.rateLimits.user;

    // Act
    const answers = [];
    for (let i = 0; i <= limit; i += 1) answers.push((await report(h, flooder, `post-${uid()}`)).status);
    const refused = await report(h, flooder, `post-${uid()}`);
    clock.advance(windowMs);
    const later = await report(h, flooder, `post-${uid()}`);
    await h.drain();

    // Assess
    expect(answers.slice(0, limit).every((status) => status === 202)).toBe(true);
    expect(answers[limit]).toBe(429);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(later.status).toBe(202);
  });
});

describe('a case reported by a crowd', () => {
  it('is decided within one transaction, crediting the reputation of the first reporters it tracks only', async () => {
    // Prepare: on its own tables, so many distinct reporters that a profile update for each would
    // take the decision's transaction past DynamoDB's 100 items
    const crowd = await createModerationHarness({ clock });
    try {
      const contentId = `post-${uid()}`;
      const reporters = Array.from({ length: MAX_TRACKED_REPORTERS + 60 }, (_, i) => `crowd-${i}-${uid()}`);
      // The first notice is triaged before the crowd's and the last after it, so the first reporter is
      // tracked and the last is not; the crowd in between files ten at a time, as a crowd would.
      const [first, ...rest] = reporters;
      const last = rest.pop()!;
      const answers = [(await report(crowd, first!, contentId)).status];
      await crowd.drain();
      for (let i = 0; i < rest.length; i += 10) {
        const batch = rest.slice(i, i + 10);
        answers.push(...(await Promise.all(batch.map((reporter) => report(crowd, reporter, contentId)))).map((a) => a.status));
      }
      await crowd.drain();
      answers.push((await report(crowd, last, contentId)).status);
      await crowd.drain();
      expect(answers.every((status) => status === 202)).toBe(true);
      const reported = await caseOf(crowd, contentId);
      await claim(crowd, reported!.id, 'mod-crowd');

      // Act
      const decided = await decide(crowd, reported!.id, 'mod-crowd', measure('remove'));

      // Assess
      expect(reported!.noticeCount).toBe(reporters.length);
      expect(decided.status).toBe(200);
      expect(decided.body!.statementId).toMatch(/^sor_/);
      expect(await rewardsOf(crowd, reporters[0]!)).toMatchObject({ accepted: 1 });
      // DynamoDB takes at most 100 items per transaction: reporters past those tracked are not credited.
      expect(await rewardsOf(crowd, reporters.at(-1)!)).toMatchObject({ accepted: 0 });
    } finally {
      await crowd.stop();
    }
    // 110 notices on their own tables: longer than a usual test, and slower still on a busy machine.
  }, 90_000);
});
