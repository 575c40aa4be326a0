import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { moderationPolicy } from '#shared/moderation/domain/policy.ts';
import { retentionDayOf } from '#shared/moderation/domain/personal-data.ts';
import { moderationPersonalDataHolderFromEnvironment } from '#shared/moderation/wiring/personal-data.ts';
import { ModerationDataExportSchema } from '#shared/moderation/http/data-export-schema.ts';
import { sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * Trust and safety as a holder of personal data, through DynamoDB Local: a person's export
 * (decrypted, nothing of anyone else), correction of their contact details on notices under
 * review, erasure (nothing of theirs left in clear or sealed but what is held, each hold with its
 * reason; idempotent; figures untouched), and the retention of notices and appeals by due day.
 */

const clock = fixedClock('2026-03-02T09:00:00.000Z');
let h: ModerationHarness;
let holder: PersonalDataHolder;

beforeAll(async () => {
  h = await createModerationHarness({ clock });
  holder = moderationPersonalDataHolderFromEnvironment({ env: h.env });
});
afterAll(async () => {
  await h.stop();
});

const uid = () => randomUUID().slice(0, 8);
/** A string that appears nowhere unless this person's data is there. */
const marker = () => `PIIMARK${randomUUID().replaceAll('-', '')}`;
const user = (sub: string) => ({ caller: { sub, role: 'user' as const } });
const moderator = (sub = 'mod-ann') => ({ caller: { sub, role: 'moderator' as const } });
const platform = { machine: { clientId: 'content-platform', scopes: ['user-protection/content.review'] } };

const removal = {
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The post solicits cryptocurrency with a promise of returns that are never made.',
  facts: 'The wallet address in the post identifies an advance-fee scam.',
  contentType: 'text',
};

const report = async (sub: string, contentId: string, m: string) => {
  const filed = await h.invoke({
    routeKey: 'POST /v1/reports',
    ...user(sub),
    body: scamNotice(contentId, { explanation: `The post is a scam ${m}`, notifierName: `Name ${m}` }),
  });
  return filed.body!.id as string;
};

const caseOf = async (contentId: string): Promise<string> => {
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator(), query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId)!.id;
};

const decide = async (caseId: string, body: Record<string, unknown>) => {
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator(), pathParameters: { id: caseId } });
  const decided = await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator(), pathParameters: { id: caseId }, body });
  expect(decided.status).toBe(200);
  return decided.body!;
};

const appeal = async (sub: string, caseId: string, m: string) => {
  const filed = await h.invoke({ routeKey: 'POST /v1/appeals', ...user(sub), body: { caseId, explanation: `Please look again ${m}` } });
  expect(filed.status).toBe(201);
  return filed.body!.id as string;
};

/** Every raw item of the moderation table (a Scan is fine in a test). */
const rawItems = async (tableName = h.tableNames.moderation) => {
  const items: Record<string, any>[] = [];
  let start: Record<string, any> | undefined;
  do {
    const page = await h.document.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

const sealedEntities: Record<string, string> = { notice: sealedAs.notice, appeal: sealedAs.appeal, 'content-review': sealedAs.review };

/** The ids of the items whose sealed blob still opens to something holding `m`. */
const sealedHolding = async (m: string) => {
  const cipher = cipherFromEnvironment(h.env);
  const found: string[] = [];
  for (const item of await rawItems()) {
    const entity = sealedEntities[item.entity as string];
    if (!entity || !item.personalData) continue;
    const opened = await cipher.open(entity, item.id as string, item.personalData as Uint8Array);
    if (JSON.stringify(opened).includes(m)) found.push(item.id as string);
  }
  return found.sort();
};

/**
 * A person with a notice that led to action (in its appeal window, with their reward pending), a
 * notice not acted on that they appealed (pending), a notice not acted on, a notice under review,
 * a decided appeal against a suspension of their account, and content of theirs reviewed; another
 * person reported the same content and appealed too.
 */
const personWithEverything = async () => {
  const [sub, other, m, n] = [`p-${uid()}`, `o-${uid()}`, marker(), marker()];
  const posts = { actioned: `post-${uid()}`, appealed: `post-${uid()}`, dismissed: `post-${uid()}`, open: `post-${uid()}`, theirs: `post-${uid()}` };
  const notices = {
    actioned: await report(sub, posts.actioned, m),
    appealed: await report(sub, posts.appealed, m),
    dismissed: await report(sub, posts.dismissed, m),
    open: await report(sub, posts.open, m),
  };
  await report(other, posts.actioned, n);
  await report(other, posts.theirs, n);
  await h.drain();
  const cases = { actioned: await caseOf(posts.actioned), appealed: await caseOf(posts.appealed), dismissed: await caseOf(posts.dismissed), theirs: await caseOf(posts.theirs) };
  await decide(cases.actioned, removal);
  await decide(cases.appealed, { action: 'no_action' });
  await decide(cases.dismissed, { action: 'no_action' });
  const suspension = await decide(cases.theirs, { ...removal, action: 'suspend_account', durationDays: 7, affectedAccountId: sub });
  const pendingAppeal = await appeal(sub, cases.appealed, m);
  const decidedAppeal = await appeal(sub, cases.theirs, m);
  const ruled = await h.invoke({
    routeKey: 'POST /v1/moderation/appeals/{id}/decision',
    ...moderator('mod-ben'),
    pathParameters: { id: decidedAppeal },
    body: { outcome: 'upheld', explanation: 'The post asks for payment to a known scam wallet.' },
  });
  expect(ruled.status).toBe(200);
  const submitted = await h.invoke({
    routeKey: 'POST /v1/content-reviews',
    ...platform,
    body: { contentId: `post-${uid()}`, contentType: 'text', text: `Hand-made mugs for sale ${m}`, urls: [`https://shop.example/${m}`], authorRef: sub },
  });
  await h.drain();
  return { sub, other, m, n, notices, pendingAppeal, decidedAppeal, statementId: suspension.statementId as string, reviewId: submitted.body!.id as string };
};

describe('a person’s export', () => {
  it('holds what they filed and what concerns them, decrypted, and nothing of another person', async () => {
    // Prepare
    const p = await personWithEverything();

    // Act
    const exported = ModerationDataExportSchema.parse(await holder.exportOf({ kind: 'account', id: p.sub }));
    const ofIntegration = await holder.exportOf({ kind: 'integration', id: p.sub });

    // Assess
    expect(exported.notices.map((x) => x.id).sort()).toEqual(Object.values(p.notices).sort());
    expect(exported.notices.find((x) => x.id === p.notices.actioned)).toMatchObject({
      explanation: `The post is a scam ${p.m}`,
      notifierName: `Name ${p.m}`,
      status: 'triaged',
      outcome: 'action_taken',
      action: 'remove',
    });
    expect(exported.notices.find((x) => x.id === p.notices.open)).toMatchObject({ outcome: 'under_review' });
    expect(exported.appeals.map((a) => a.id).sort()).toEqual([p.pendingAppeal, p.decidedAppeal].sort());
    expect(exported.appeals.find((a) => a.id === p.decidedAppeal)).toMatchObject({
      appellant: 'affected',
      explanation: `Please look again ${p.m}`,
      decisionExplanation: 'The post asks for payment to a known scam wallet.',
      outcome: 'upheld',
    });
    expect(exported.contentReviews).toEqual([
      expect.objectContaining({ id: p.reviewId, text: `Hand-made mugs for sale ${p.m}`, urls: [`https://shop.example/${p.m}`], status: 'approved' }),
    ]);
    expect(exported.statementsOfReasons.map((s) => s.puid)).toEqual([p.statementId]);
    expect(exported.rewards.rewards).toEqual([expect.objectContaining({ noticeId: p.notices.actioned, status: 'pending' })]);
    expect(exported.reporterStanding).toMatchObject({ accepted: 1, rejected: 2 });
    const text = JSON.stringify(exported);
    expect(text).not.toContain(p.n);
    expect(text).not.toContain(p.other);
    expect(text).not.toContain('mod-ann');
    expect(ofIntegration).toMatchObject({ notices: [], appeals: [], contentReviews: [], statementsOfReasons: [] });
  });
});

describe('correction of contact details', () => {
  it('re-seals the name on the notices still under review only, and counts them', async () => {
    // Prepare
    const p = await personWithEverything();
    const subject = { kind: 'account' as const, id: p.sub };

    // Act
    const changed = await holder.correctContact!(subject, { name: 'Corrected Name' }, clock.now());
    const again = await holder.correctContact!(subject, { name: 'Corrected Name' }, clock.now());
    const exported = ModerationDataExportSchema.parse(await holder.exportOf(subject));

    // Assess
    expect(changed).toBe(1);
    expect(again).toBe(0);
    expect(exported.notices.find((x) => x.id === p.notices.open)).toMatchObject({ notifierName: 'Corrected Name', explanation: `The post is a scam ${p.m}` });
    expect(exported.notices.find((x) => x.id === p.notices.actioned)).toMatchObject({ notifierName: `Name ${p.m}` });
  });
});

describe('erasure', () => {
  it('leaves nothing of the person in clear or sealed but the held items, tells why each is held, keeps statements and figures, and is idempotent', async () => {
    // Prepare
    const p = await personWithEverything();
    const subject = { kind: 'account' as const, id: p.sub };
    const figuresBefore = JSON.stringify(await rawItems(h.tableNames.figures));

    // Act
    const holds = await holder.holdsOf(subject, clock.now());
    const first = await holder.erase(subject, clock.now());
    const second = await holder.erase(subject, clock.now());
    const raw = await rawItems();
    const stillSealed = await sealedHolding(p.m);
    const exported = ModerationDataExportSchema.parse(await holder.exportOf(subject));
    const erasedAppeal = await h.invoke({ routeKey: 'GET /v1/appeals/{id}', ...user(p.sub), pathParameters: { id: p.decidedAppeal } });
    const erasedNotice = await h.invoke({ routeKey: 'GET /v1/reports/{id}', ...user(p.sub), pathParameters: { id: p.notices.dismissed } });
    const myNotices = await h.invoke({ routeKey: 'GET /v1/reports', ...user(p.sub) });
    const statement = await h.invoke({ routeKey: 'GET /v1/statements/{puid}', ...user(p.sub), pathParameters: { puid: p.statementId } });

    // Assess: erased: the dismissed, the open and the appealed notice (a decision not to act: only
    // the person themselves appeals it), the decided appeal, the reviewed content.
    expect(first.erased).toBe(5);
    const held = first.held.map((x) => [x.category, x.itemId, x.reason]);
    expect(held).toEqual(
      expect.arrayContaining([
        ['moderation.notice', p.notices.actioned, 'appeal-window'],
        ['moderation.appeal', p.pendingAppeal, 'open-appeal'],
        ['moderation.reward', p.notices.actioned, 'reward-appeal-window'],
      ]),
    );
    expect(first.held).toHaveLength(3);
    expect(first.held.every((x) => x.explanation.length > 20)).toBe(true);
    const decidedAt = Date.parse(exported.notices.find((x) => x.id === p.notices.actioned)!.decidedAt!);
    expect(first.held.find((x) => x.reason === 'appeal-window')!.until).toBe(new Date(decidedAt + moderationPolicy.appealWindowMs).toISOString());
    expect(holds).toEqual(first.held);
    expect(second).toEqual({ erased: 0, held: first.held });
    // Nothing in clear; sealed only in the held items.
    expect(JSON.stringify(raw)).not.toContain(p.m);
    expect(stillSealed).toEqual([p.notices.actioned, p.pendingAppeal].sort());
    expect(raw.find((item) => item.id === p.reviewId)).not.toHaveProperty('simhash');
    expect(JSON.stringify(await rawItems(h.tableNames.figures))).toBe(figuresBefore);
    // The views of erased items say so instead of failing.
    expect(exported.notices.find((x) => x.id === p.notices.dismissed)).toMatchObject({ outcome: 'no_action', erasedAt: clock.now().toISOString() });
    expect(exported.notices.find((x) => x.id === p.notices.dismissed)).not.toHaveProperty('explanation');
    expect(erasedAppeal.status).toBe(200);
    expect(erasedAppeal.body).toMatchObject({ explanation: '[erased]', outcome: 'upheld' });
    expect(erasedNotice.status).toBe(200);
    expect(myNotices.status).toBe(200);
    expect(statement.status).toBe(200);
  });

  it('erases the held items once their hold ends', async () => {
    // Prepare
    const p = await personWithEverything();
    const subject = { kind: 'account' as const, id: p.sub };
    await holder.erase(subject, clock.now());
    await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: p.pendingAppeal },
      body: { outcome: 'upheld', explanation: 'Not a scam.' },
    });
    const afterWindow = new Date(clock.now().getTime() + moderationPolicy.appealWindowMs + 60_000);
    await h.settleRewards(afterWindow);

    // Act
    const later = await holder.erase(subject, afterWindow);

    // Assess
    expect(later).toEqual({ erased: 2, held: [] });
    expect(await sealedHolding(p.m)).toEqual([]);
  });
});

describe('retention of notices and appeals', () => {
  it('removes the personal fields of the notices of cases, and of appeals, due on the day, once', async () => {
    // Prepare: a month on, so that nothing of the other tests is due the same day.
    clock.advance(31 * 86_400_000);
    const [reporter, other, m] = [`r-${uid()}`, `s-${uid()}`, marker()];
    const contentId = `post-${uid()}`;
    const mine = await report(reporter, contentId, m);
    const theirs = await report(other, contentId, m);
    await h.drain();
    const caseId = await caseOf(contentId);
    await decide(caseId, { action: 'no_action' });
    const appealId = await appeal(reporter, caseId, m);
    await h.invoke({
      routeKey: 'POST /v1/moderation/appeals/{id}/decision',
      ...moderator('mod-ben'),
      pathParameters: { id: appealId },
      body: { outcome: 'upheld', explanation: 'Not a scam.' },
    });
    const day = retentionDayOf(clock.now().toISOString());
    const dayBefore = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);

    // Act
    const early = await holder.expireDue!(dayBefore, clock.now());
    const sealedBefore = await sealedHolding(m);
    const due = await holder.expireDue!(day, new Date(`${day}T03:00:00.000Z`));
    const again = await holder.expireDue!(day, new Date(`${day}T04:00:00.000Z`));

    // Assess
    expect(early).toBe(0);
    expect(sealedBefore).toEqual([mine, theirs, appealId].sort());
    expect(due).toBe(3);
    expect(again).toBe(0);
    expect(await sealedHolding(m)).toEqual([]);
    const raw = await rawItems();
    expect(raw.filter((item) => item.retentionDay === day)).toEqual([]);
    expect(raw.find((item) => item.id === mine)).toMatchObject({ erasedAt: `${day}T03:00:00.000Z` });
  });
});
