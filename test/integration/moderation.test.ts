import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { fixedClock } from '#shared/clock.ts';
import { createFiguresStore } from '#shared/figures/store.ts';
import { promiseFiguresOf } from '#shared/moderation/index.ts';
import { moderationPolicy } from '#shared/moderation/domain/policy.ts';
import { transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * Trust and safety end to end through DynamoDB Local and the SQS emulator: notices on the reports
 * queue, the consumer's triage into cases, decisions with statements of reasons, appeals, rewards
 * after the appeal window (clock injected), misuse, and content screening on its queue.
 */

const clock = fixedClock('2026-03-02T09:00:00.000Z');
let h: ModerationHarness;

beforeAll(async () => {
  h = await createModerationHarness({ clock });
});
afterAll(async () => {
  await h.stop();
});

const uid = () => randomUUID().slice(0, 8);
const user = (sub: string) => ({ caller: { sub, role: 'user' as const } });
const moderator = (sub = 'mod-ann') => ({ caller: { sub, role: 'moderator' as const } });
const platform = { machine: { clientId: 'content-platform', scopes: ['user-protection/content.review'] } };

const report = (sub: string, contentId: string, extra: Record<string, unknown> = {}, role: 'user' | 'trusted_flagger' = 'user') =>
  h.invoke({
    routeKey: 'POST /v1/reports',
    caller: { sub, role },
    body: scamNotice(contentId, extra),
  });

const caseOf = async (contentId: string) => {
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator(), query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId);
};

const removal = {
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The post solicits cryptocurrency with a promise of returns that are never made.',
  facts: 'Two notices and the wallet address in the post identify an advance-fee scam.',
  contentType: 'text',
  territorialScope: ['DE', 'FR'],
  contentLanguage: 'EN',
};

const decide = async (caseId: string, body: Record<string, unknown>, sub = 'mod-ann') => {
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator(sub), pathParameters: { id: caseId } });
  return h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator(sub), pathParameters: { id: caseId }, body });
};

describe('notices become cases through the reports queue', () => {
  it('answers at once with a receipt, merges notices on one target into one case, with priority for trusted flaggers', async () => {
    // Prepare
    const contentId = `post-${uid()}`;

    // Act
    const first = await report(`alice-${uid()}`, contentId, { financialHarm: true });
    const second = await report(`bob-${uid()}`, contentId);
    await h.drain();
    const before = await caseOf(contentId);
    await report(`flagger-${uid()}`, contentId, {}, 'trusted_flagger');
    await h.drain();
    const after = await caseOf(contentId);

    // Assess
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({ status: 'received', contentId, category: 'fraud_or_scam' });
    expect(first.body!.id).toMatch(/^ntc_/);
    expect(second.status).toBe(202);
    expect(before).toMatchObject({ noticeCount: 2, reporterCount: 2, financialHarm: true, status: 'open' });
    expect(after).toMatchObject({ id: before!.id, noticeCount: 3, trustedNotices: 1, priority: 'urgent' });
    expect(after!.score).toBeGreaterThan(before!.score);
  });

  it('gives a duplicate delivery of the same notice one effect', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const filed = await report(`carol-${uid()}`, contentId);
    await h.drain();

    // Act: the same message delivered twice more.
    await h.send('reports', JSON.stringify({ noticeId: filed.body!.id }));
    await h.send('reports', JSON.stringify({ noticeId: filed.body!.id }));
    await h.drain();

    // Assess
    expect((await caseOf(contentId))!.noticeCount).toBe(1);
  });

  it('moves a poison message to the dead-letter queue after maxReceiveCount deliveries, and loses nothing', async () => {
    // Prepare
    const stats = h.poller()!.stats('reportsConsumer')!;
    const succeededBefore = stats.succeeded;
    const contentId = `post-${uid()}`;

    // Act: one poison message among three good notices.
    await h.send('reports', 'this is not json');
    for (let i = 0; i < 3; i += 1) await report(`dave-${uid()}`, contentId);
    await h.drain();

    // Assess: in = processed + dead-lettered.
    const dlq = await h.depth('reports-dlq');
    expect(dlq.visible).toBe(1);
    expect(stats.succeeded - succeededBefore).toBe(3);
    expect((await caseOf(contentId))!.noticeCount).toBe(3);
  });
});

describe('decisions, statements of reasons, appeals and rewards', () => {
  it('decides with a statement shown to the affected user, an outcome for the reporter, a valid export, and a reward after the appeal window', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const alice = `alice-${uid()}`;
    const bob = `bob-${uid()}`;
    const first = await report(alice, contentId);
    clock.advance(60_000);
    await report(bob, contentId);
    await h.drain();
    const c = await caseOf(contentId);

    // Act
    const decided = await decide(c!.id, { ...removal, affectedAccountId: 'author-1' });
    const puid = decided.body!.statementId as string;
    const asAffected = await h.invoke({ routeKey: 'GET /v1/statements/{puid}', ...user('author-1'), pathParameters: { puid } });
    const asStranger = await h.invoke({ routeKey: 'GET /v1/statements/{puid}', ...user(bob), pathParameters: { puid } });
    const outcome = await h.invoke({ routeKey: 'GET /v1/reports/{id}', ...user(alice), pathParameters: { id: first.body!.id } });
    const exported = await h.invoke({
      routeKey: 'GET /v1/transparency/statements',
      caller: { sub: 'comms-1', role: 'comms' },
      query: { date: clock.now().toISOString().slice(0, 10) },
    });

    // Assess: the statement has every DSA element and the export every database rule.
    expect(decided.status).toBe(200);
    expect(asAffected.status).toBe(200);
    expect(asAffected.body).toMatchObject({
      puid,
      action: 'remove',
      ground: 'terms',
      source: 'notice',
      automatedDetection: false,
      automatedDecision: 'not_automated',
      appeal: { status: 'none' },
    });
    expect(asAffected.body!.redress.length).toBeGreaterThan(0);
    expect(asStranger.status).toBe(404);
    expect(outcome.body).toMatchObject({ outcome: 'action_taken', action: 'remove' });
    const statement = (exported.body!.items as Array<Record<string, unknown>>).find((s) => s.puid === puid);
    expect(statement).toMatchObject({ decision_visibility: ['DECISION_VISIBILITY_CONTENT_REMOVED'], source_type: 'SOURCE_ARTICLE_16' });
    expect(transparencyErrors(statement)).toBeUndefined();
    expect(JSON.stringify(exported.body)).not.toMatch(/author-1|alice|bob|platform\.example/);

    // Act: the appeal window passes; the settlement runs twice.
    const early = (await h.settleRewards(clock.now())) as { credited: number };
    const windowEnd = new Date(clock.now().getTime() + moderationPolicy.appealWindowMs + 1000);
    const firstRun = (await h.settleRewards(windowEnd)) as { credited: number };
    const secondRun = (await h.settleRewards(windowEnd)) as { credited: number };
    const aliceRewards = await h.invoke({ routeKey: 'GET /v1/rewards/me', ...user(alice) });
    const bobRewards = await h.invoke({ routeKey: 'GET /v1/rewards/me', ...user(bob) });

    // Assess: only the first valid report is rewarded, once.
    expect(early.credited).toBe(0);
    expect(firstRun.credited).toBeGreaterThanOrEqual(1);
    expect(secondRun.credited).toBe(0);
    expect(aliceRewards.body).toMatchObject({ balance: 100, reputation: 1, accepted: 1 });
    expect(aliceRewards.body!.ledger).toEqual([expect.objectContaining({ noticeId: first.body!.id, points: 100 })]);
    expect(bobRewards.body).toMatchObject({ balance: 0, reputation: 1 });
  });

  it('lets the affected user appeal; a different moderator reverses, which undoes the action and cancels the reward', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const reporter = `erin-${uid()}`;
    const author = `author-${uid()}`;
    await report(reporter, contentId);
    await h.drain();
    const c = await caseOf(contentId);
    await decide(c!.id, { ...removal, action: 'suspend_account', durationDays: 7, affectedAccountId: author });

    // Act
    const appeal = await h.invoke({
      routeKey: 'POST /v1/appeals',
      ...user(author),
      body: { caseId: c!.id, explanation: 'The post was satire, clearly marked as such.' },
    });
    const stranger = await h.invoke({ routeKey: 'POST /v1/appeals', ...user(`x-${uid()}`), body: { caseId: c!.id, explanation: 'Me too' } });
    const sameModerator = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ann'),
      pathParameters: { id: appeal.body!.id },
      body: { outcome: 'reversed', explanation: 'Satire' },
    });
    const reversed = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: appeal.body!.id },
      body: { outcome: 'reversed', explanation: 'The post is labelled satire; no scam.' },
    });
    const settled = (await h.settleRewards(new Date(clock.now().getTime() + moderationPolicy.appealWindowMs * 2))) as { credited: number };
    const rewards = await h.invoke({ routeKey: 'GET /v1/rewards/me', ...user(reporter) });
    const caseAfter = await h.invoke({ routeKey: 'GET /v1/moderation/cases/{id}', ...moderator(), headers: { 'x-access-reason': 'moderation' }, pathParameters: { id: c!.id } });

    // Assess
    expect(appeal.status).toBe(201);
    expect(appeal.body).toMatchObject({ appellant: 'affected', appealedAction: 'suspend_account', status: 'pending' });
    expect(stranger.status).toBe(404);
    expect(sameModerator.status).toBe(403);
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ outcome: 'reversed', decisionExplanation: 'The post is labelled satire; no scam.' });
    expect(caseAfter.body!.decision.reversedAt).toBeDefined();
    // The report turned out wrong: what counted as upheld now counts as rejected.
    expect(rewards.body).toMatchObject({ balance: 0, reputation: moderationPolicy.reputation.noAction, accepted: 0, rejected: 1 });
    expect(settled.credited).toBe(0);
  });

  it('lets a reporter appeal a decision not to act; reversing it acts, with a statement, and rewards the reporter at once', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const reporter = `fay-${uid()}`;
    const filed = await report(reporter, contentId);
    await h.drain();
    const c = await caseOf(contentId);
    await decide(c!.id, { action: 'no_action' });
    const seen = await h.invoke({ routeKey: 'GET /v1/reports/{id}', ...user(reporter), pathParameters: { id: filed.body!.id } });

    // Act
    const appeal = await h.invoke({ routeKey: 'POST /v1/appeals', ...user(reporter), body: { caseId: c!.id, explanation: 'It is a scam: see the wallet.' } });
    const decided = await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: appeal.body!.id },
      body: { outcome: 'reversed', explanation: 'The wallet is a known scam wallet.', decision: { ...removal, affectedAccountId: 'author-9' } },
    });
    await h.settleRewards(clock.now());
    const rewards = await h.invoke({ routeKey: 'GET /v1/rewards/me', ...user(reporter) });

    // Assess
    expect(seen.body).toMatchObject({ outcome: 'no_action', caseId: c!.id });
    expect(appeal.body).toMatchObject({ appellant: 'reporter', appealedAction: 'no_action' });
    expect(decided.body!.newStatementId).toMatch(/^sor_/);
    expect(rewards.body).toMatchObject({ balance: 100 });
  });
});

describe('misuse (DSA Art. 23)', () => {
  it('warns a reporter of manifestly unfounded notices, then suspends their reporting', async () => {
    // Prepare
    const troll = `troll-${uid()}`;
    const fileUnfounded = async () => {
      const contentId = `post-${uid()}`;
      const filed = await report(troll, contentId);
      await h.drain();
      const c = await caseOf(contentId);
      await decide(c!.id, { action: 'no_action', unfoundedNoticeIds: [filed.body!.id] });
    };

    // Act
    for (let i = 0; i < moderationPolicy.misuse.warnAfter; i += 1) await fileUnfounded();
    const warned = await h.invoke({ routeKey: 'GET /v1/rewards/me', ...user(troll) });
    for (let i = moderationPolicy.misuse.warnAfter; i < moderationPolicy.misuse.suspendAfter; i += 1) await fileUnfounded();
    const suspended = await h.invoke({ routeKey: 'GET /v1/rewards/me', ...user(troll) });
    const refused = await report(troll, `post-${uid()}`);

    // Assess
    expect(warned.body).toMatchObject({ warned: true });
    expect(warned.body!.reportingSuspendedUntil).toBeUndefined();
    expect(suspended.body!.reportingSuspendedUntil).toBeDefined();
    expect(suspended.body!.reputation).toBeLessThan(0);
    expect(refused.status).toBe(403);
    expect(refused.body!.type).toContain('reporting-suspended');
  });

  it('limits people without an account per mailbox, whatever sub-address or case they write it with', async () => {
    // Prepare
    const name = `anon-${uid()}`;
    const body = {
      contentId: `post-${uid()}`,
      contentUrl: 'https://platform.example/p/1',
      category: 'false_information',
      explanation: 'Fake news about the election date.',
      goodFaith: true,
    };

    // Act: one mailbox, written a different way each time
    const answers = [];
    for (let i = 0; i <= moderationPolicy.rateLimits.anonymousEmail.limit; i += 1) {
      const contactEmail = i % 2 === 0 ? `${name}+${i}@example.com` : `${name.toUpperCase()}@Example.COM`;
      answers.push(await h.invoke({ routeKey: 'POST /v1/reports/anonymous', body: { ...body, contactEmail } }));
    }

    // Assess
    expect(answers.slice(0, -1).every((a) => a.status === 202)).toBe(true);
    expect(answers.at(-1)!.status).toBe(429);
    expect(Number(answers.at(-1)!.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('the published fields of a statement of reasons', () => {
  it('refuses control and bidi-override characters with 400, naming the field', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    await report(`gina-${uid()}`, contentId);
    await h.drain();
    const c = await caseOf(contentId);

    // Act
    const refused = await decide(c!.id, { ...removal, facts: 'The post asks for \u202Edrac\u202C details.' });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ type: 'urn:user-protection:problem:validation-failed', errors: [{ in: 'body', path: 'facts' }] });
  });
});

describe('separation of duties', () => {
  const conflictOfInterest = { type: 'urn:user-protection:problem:conflict-of-interest' };
  const claim = (caseId: string, sub: string) => h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator(sub), pathParameters: { id: caseId } });
  const submitHeld = async (contentId: string, authorRef: string) => {
    await h.invoke({
      routeKey: 'POST /v1/content-reviews',
      ...platform,
      body: { contentId, contentType: 'text', text: `Guaranteed returns: risk-free income for everyone ${uid()}.`, authorRef },
    });
    await h.drain();
  };

  it('refuses a moderator claiming or deciding a case they reported (403 conflict-of-interest); another moderator takes it', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const staffMember = `mod-${uid()}`;
    await report(staffMember, contentId);
    await h.drain();
    const c = await caseOf(contentId);

    // Act
    const claimed = await claim(c!.id, staffMember);
    const decided = await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator(staffMember), pathParameters: { id: c!.id }, body: removal });
    const byAnother = await claim(c!.id, `mod-${uid()}`);

    // Assess
    expect(claimed.status).toBe(403);
    expect(claimed.body).toMatchObject(conflictOfInterest);
    expect(decided.status).toBe(403);
    expect(decided.body).toMatchObject(conflictOfInterest);
    expect(byAnother.status).toBe(200);
  });

  it('refuses a moderator claiming a case about their own content', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const staffMember = `mod-${uid()}`;
    await submitHeld(contentId, staffMember);
    const c = await caseOf(contentId);

    // Act
    const claimed = await claim(c!.id, staffMember);

    // Assess
    expect(c).toMatchObject({ origin: 'screening' });
    expect(claimed.status).toBe(403);
    expect(claimed.body).toMatchObject(conflictOfInterest);
  });

  it('refuses a notice on one’s own content, so that nobody is rewarded for reporting their own post', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const author = `author-${uid()}`;
    await submitHeld(contentId, author);

    // Act
    const own = await report(author, contentId);
    const other = await report(`frank-${uid()}`, contentId);

    // Assess
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject(conflictOfInterest);
    expect(other.status).toBe(202);
  });

  it('gives the second opinion on an appeal to nobody involved: not a reporter, nor the moderator who decided', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const reporterAndStaff = `mod-${uid()}`;
    const author = `author-${uid()}`;
    await report(reporterAndStaff, contentId);
    await h.drain();
    const c = await caseOf(contentId);
    await decide(c!.id, { ...removal, affectedAccountId: author }, 'mod-ann');
    const appeal = await h.invoke({ routeKey: 'POST /v1/appeals', ...user(author), body: { caseId: c!.id, explanation: 'Nothing wrong with the post.' } });
    const decideAs = (sub: string) =>
      h.invoke({
        routeKey: 'POST /v1/moderation/appeals/{id}/decision',
        ...moderator(sub),
        pathParameters: { id: appeal.body!.id },
        body: { outcome: 'upheld', explanation: 'The removal stands.' },
      });

    // Act
    const byReporter = await decideAs(reporterAndStaff);
    const byDecider = await decideAs('mod-ann');
    const byOther = await decideAs(`mod-${uid()}`);

    // Assess
    expect(appeal.status).toBe(201);
    expect(byReporter.status).toBe(403);
    expect(byReporter.body).toMatchObject(conflictOfInterest);
    expect(byDecider.status).toBe(403);
    expect(byDecider.body).toMatchObject(conflictOfInterest);
    expect(byOther.status).toBe(200);
  });
});

describe('review before publication', () => {
  const submit = (contentId: string, text: string, extra: Record<string, unknown> = {}) =>
    h.invoke({ routeKey: 'POST /v1/content-reviews', ...platform, body: { contentId, contentType: 'text', text, authorRef: 'author-5', ...extra } });
  const reviewOf = (id: string) => h.invoke({ routeKey: 'GET /v1/content-reviews/{id}', ...platform, pathParameters: { id } });

  it('approves clean content, holds blocklisted content for a moderator, and holds near-duplicates of removed content', async () => {
    // Prepare
    const added = await h.invoke({
      routeKey: 'POST /v1/moderation/blocklists/{kind}',
      ...moderator(),
      pathParameters: { kind: 'phone' },
      body: { value: '+44 20 7946 0999', reason: 'Advance-fee scam hotline' },
    });
    const scamText = `Great investment! Call +44 (20) 7946-0999 today and our advisers will explain everything about the plan ${uid()}.`;

    // Act
    const clean = await submit(`post-${uid()}`, 'Hand-made mugs for sale, twenty percent off this whole week only.');
    const blocked = await submit(`post-${uid()}`, scamText);
    await h.drain();
    const cleanAfter = await reviewOf(clean.body!.id);
    const blockedAfter = await reviewOf(blocked.body!.id);
    const heldCase = await h.invoke({ routeKey: 'GET /v1/moderation/cases/{id}', ...moderator(), headers: { 'x-access-reason': 'moderation' }, pathParameters: { id: blockedAfter.body!.caseId } });
    await decide(blockedAfter.body!.caseId, removal);
    const rejected = await reviewOf(blocked.body!.id);
    // The same scam re-posted with another (not blocklisted) number, in capitals.
    const copy = await submit(`post-${uid()}`, scamText.replace('7946-0999', '7946-0123').toUpperCase());
    await h.drain();
    const copyAfter = await reviewOf(copy.body!.id);

    // Assess
    expect(added.status).toBe(201);
    expect(clean.status).toBe(202);
    // The answer precedes the screening: nothing is publishable without a decision.
    expect(clean.body).toMatchObject({ status: 'pending', publishable: false });
    expect(cleanAfter.body).toMatchObject({ status: 'approved', publishable: true, decidedBy: 'automated' });
    expect(blockedAfter.body).toMatchObject({ status: 'held', publishable: false, signals: ['blocklist:phone'] });
    expect(heldCase.body).toMatchObject({ origin: 'screening', status: 'open' });
    expect(rejected.body).toMatchObject({ status: 'rejected', publishable: false, decidedBy: 'moderator' });
    expect(rejected.body!.statementId).toMatch(/^sor_/);
    expect(copyAfter.body).toMatchObject({ status: 'held', signals: ['near-duplicate'] });
  });

  it('screens every revision: an edit of approved content is screened again, a repeat of one revision answers its review', async () => {
    // Prepare
    const contentId = `post-${uid()}`;
    const approved = await submit(contentId, 'Hand-made mugs for sale, twenty percent off this whole week only.');
    await h.drain();

    // Act
    const repeated = await submit(contentId, 'Hand-made mugs for sale, twenty percent off this whole week only.');
    const edited = await submit(contentId, 'Hand-made mugs: guaranteed returns on every mug you buy, risk-free income for life!');
    const editedAgain = await submit(contentId, 'Hand-made mugs: guaranteed returns on every mug you buy, risk-free income for life!');
    await h.drain();
    const approvedAfter = await reviewOf(approved.body!.id);
    const editedAfter = await reviewOf(edited.body!.id);

    // Assess
    expect(repeated.status).toBe(200);
    expect(repeated.body).toMatchObject({ id: approved.body!.id, status: 'approved', publishable: true });
    expect(edited.status).toBe(202);
    expect(edited.body!.id).not.toBe(approved.body!.id);
    expect(edited.body).toMatchObject({ contentId, status: 'pending', publishable: false });
    expect(editedAgain.status).toBe(200);
    expect(editedAgain.body!.id).toBe(edited.body!.id);
    expect(editedAfter.body).toMatchObject({ status: 'human_review', publishable: false, signals: ['rule:guaranteed-returns'] });
    expect(approvedAfter.body).toMatchObject({ status: 'approved' });
  });

  it('keeps the figures as events happen: notices, actions, automated and human decisions, screening precision', async () => {
    // Act
    const figures = await h.invoke({ routeKey: 'GET /v1/figures/moderation', caller: { sub: 'comms-1', role: 'comms' }, query: { granularity: 'quarter', from: '2026-Q1', to: '2026-Q4' } });
    const asUser = await h.invoke({ routeKey: 'GET /v1/figures/moderation', ...user('someone') });

    // Assess
    expect(figures.status).toBe(200);
    const total = figures.body!.total;
    expect(total.notices).toBeGreaterThan(10);
    expect(total.noticesBySource.trusted_flagger).toBe(1);
    expect(total.actions.remove).toBeGreaterThanOrEqual(3);
    expect(total.decisions.automated).toBeGreaterThanOrEqual(1);
    expect(total.decisions.human).toBeGreaterThanOrEqual(5);
    expect(total.screening.truePositives).toBeGreaterThanOrEqual(1);
    expect(total.screening.precision).toBe(1);
    expect(total.appeals).toMatchObject({ reversed: 2 });
    expect(total.misuse).toMatchObject({ warnings: 1, suspensions: 1 });
    expect(total.rewards.paid).toBe(2);
    expect(total.medianNoticeToActionMinutes).not.toBeNull();
    expect(asUser.status).toBe(403);
  });

  it("counts what the promise scorecard judges: every revision submitted for review, and screened; rewards credited on time", async () => {
    // Act
    // The year's quarters added up: a reward is credited when the appeal window has passed, months after its decision.
    const quarters = await createFiguresStore(h.document, h.env[tables.figures.envVar]!, 'moderation').range('quarter', '2026-Q1', '2026-Q4');
    const year: Record<string, number> = {};
    for (const { counters } of quarters) for (const [name, n] of Object.entries(counters)) year[name] = (year[name] ?? 0) + n;
    const figures = promiseFiguresOf(year);

    // Assess
    expect(figures.contentReviews.submitted).toBeGreaterThanOrEqual(3);
    expect(figures.contentReviews.screened).toBe(figures.contentReviews.submitted);
    expect(figures.rewards).toEqual({ credited: 2, creditedLate: 0 });
  });
});
