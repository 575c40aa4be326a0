import { randomInt, randomUUID } from 'node:crypto';
import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { readPublishedEvents } from '#infra/local/eventbridge.ts';
import { localPaths } from '#infra/local/paths.ts';
import { fixedClock } from '#shared/clock.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { OUTBOX_SHARDS } from '#shared/events/outbox.ts';
import { moderationPolicy } from '#shared/moderation/domain/policy.ts';
import { CreateNoticeRequestSchema } from '#shared/moderation/http/schemas/notices.ts';
import { moderationNotificationQueryFromEnvironment } from '#shared/moderation/index.ts';
import { QueueUnavailableError } from '#shared/moderation/use-cases/errors.ts';
import { fileNotice } from '#shared/moderation/use-cases/file-notice.ts';
import { moderationPortsFromEnvironment } from '#shared/moderation/wiring/context.ts';
import { moderationAudience } from '#shared/notifications/audiences/moderation.ts';
import { createLogger } from '#shared/observability/logger.ts';
import type { Audience, DomainEventEnvelope } from '#shared/notifications/use-cases/ports.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';

/**
 * Trust and safety tells people what the DSA requires through the notifications context: the
 * events moderation publishes (through its outbox, on the local EventBridge) name records only,
 * and moderation's notification query, on DynamoDB Local, turns them into the recipients and
 * parameters of the catalogue's messages, as the notifications sender will ask for them.
 */

const clock = fixedClock('2026-08-03T09:00:00.000Z');
let h: ModerationHarness;
let audience: Audience;

beforeAll(async () => {
  h = await createModerationHarness({ clock });
  audience = moderationAudience(moderationNotificationQueryFromEnvironment(h.document, h.env, cipherFromEnvironment(h.env)));
});
afterAll(async () => {
  await h.stop();
});

const uid = () => randomUUID().slice(0, 8);
const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;
const moderator = (sub: string) => ({ caller: { sub, role: 'moderator' as const } });
const person = (sub: string) => ({ kind: 'person', sub });
const address = (email: string) => ({ kind: 'address', address: email });

const removal = {
  action: 'remove',
  ground: 'terms',
  groundReference: 'Terms of service 4.2: fraud and scams',
  groundExplanation: 'The post solicits cryptocurrency with a promise of returns that are never made.',
  facts: 'The wallet address in the post received payments that were never returned.',
  contentType: 'text',
};
const EXPLANATION = scamNotice('x').explanation;

const fileAsAccount = async (sub: string, contentId: string) => {
  const filed = await h.invoke({ routeKey: 'POST /v1/reports', caller: { sub, role: 'user' }, body: scamNotice(contentId) });
  expect(filed.status).toBe(202);
  return filed.body!.id as string;
};
const fileAnonymously = async (contentId: string, contactEmail: string) => {
  const body = { ...scamNotice(contentId), contactEmail, notifierName: 'Nina Notifier' };
  const filed = await h.invoke({ routeKey: 'POST /v1/reports/anonymous', body, sourceIp: someAddress() });
  expect(filed.status).toBe(202);
  return { noticeId: filed.body!.id as string, token: filed.body!.followUpToken as string };
};
const caseOf = async (contentId: string) => {
  const listed = await h.invoke({ routeKey: 'GET /v1/moderation/cases', ...moderator('mod-lister'), query: { limit: '100' } });
  return (listed.body!.items as Array<Record<string, any>>).find((c) => c.contentId === contentId)!.id as string;
};
const decide = async (caseId: string, body: Record<string, unknown>, sub = 'mod-first') => {
  await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', ...moderator(sub), pathParameters: { id: caseId } });
  const decided = await h.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', ...moderator(sub), pathParameters: { id: caseId }, body });
  expect(decided.status).toBe(200);
  return decided.body!;
};
const appeal = async (sub: string, caseId: string) => {
  const filed = await h.invoke({ routeKey: 'POST /v1/appeals', caller: { sub, role: 'user' }, body: { caseId, explanation: 'My post was satire, not a scam.' } });
  expect(filed.status).toBe(201);
  return filed.body!.id as string;
};
const decideAppeal = async (appealId: string, body: Record<string, unknown>) => {
  const decided = await h.invoke({ routeKey: 'POST /v1/moderation/appeals/{id}/decision', ...moderator('mod-second'), pathParameters: { id: appealId }, body });
  expect(decided.status).toBe(200);
  return decided.body!;
};

/** The moderation events the local bus took, as the notifications queue delivers them. */
const published = (): DomainEventEnvelope[] =>
  readPublishedEvents(localPaths(inject('localStack').root).events).filter((e) => e.source === 'user-protection.moderation');
/** The one event of a type about a record (a notice, case or appeal by its id). */
const theEvent = (type: string, about: Record<string, string>): DomainEventEnvelope => {
  const [key, id] = Object.entries(about)[0]!;
  const found = published().filter((e) => e['detail-type'] === type && e.detail[key] === id);
  expect(found, `${type} about ${id}`).toHaveLength(1);
  return found[0]!;
};
const messagesOf = (type: string, about: Record<string, string>) => audience.messagesFor(theEvent(type, about));

describe('a notice filed with an account and one without, decided with a statement of reasons, appealed and reversed', () => {
  const ada = `ada-${uid()}`;
  const author = `author-${uid()}`;
  const nina = `nina-${uid()}@example.com`;
  const contentId = `post-${uid()}`;
  let adaNotice: string;
  let ninaNotice: string;
  let caseId: string;
  let statementId: string;
  let appealId: string;

  beforeAll(async () => {
    adaNotice = await fileAsAccount(ada, contentId);
    ninaNotice = (await fileAnonymously(contentId, nina)).noticeId;
    await h.drain();
    caseId = await caseOf(contentId);
    statementId = (await decide(caseId, { ...removal, affectedAccountId: author })).statementId as string;
    appealId = await appeal(author, caseId);
    await decideAppeal(appealId, { outcome: 'reversed', explanation: 'On a second look the post is satire.' });
  });

  it('confirms each notice to its notifier: the account in the app, the anonymous notifier at their contact email (Art. 16(4))', async () => {
    // Act
    const toAda = await messagesOf('moderation.notice-received', { noticeId: adaNotice });
    const toNina = await messagesOf('moderation.notice-received', { noticeId: ninaNotice });

    // Assess
    expect(toAda).toEqual([{ type: 'notice-received', params: { reference: adaNotice }, recipient: person(ada) }]);
    expect(toNina).toEqual([{ type: 'notice-received', params: { reference: ninaNotice }, recipient: address(nina) }]);
  });

  it('tells every notifier the decision on their notice, and sends the statement of reasons to the affected account (Art. 16(5), 17)', async () => {
    // Act
    const messages = await messagesOf('moderation.decision-taken', { caseId });

    // Assess
    const decided = { outcome: 'action-taken', redress: 'no-internal-appeal', appealUntil: '' };
    const deadline = new Date(clock.now().getTime() + moderationPolicy.appealWindowMs).toISOString();
    expect(messages).toHaveLength(3);
    expect(messages).toEqual(
      expect.arrayContaining([
        { type: 'notice-decided', params: { reference: adaNotice, ...decided }, recipient: person(ada) },
        { type: 'notice-decided', params: { reference: ninaNotice, ...decided }, recipient: address(nina) },
        {
          type: 'statement-of-reasons',
          params: {
            reference: statementId,
            restriction: 'remove',
            groundType: 'terms',
            ground: `${removal.groundReference} — ${removal.groundExplanation}`,
            facts: removal.facts,
            automatedDetection: 'no',
            automatedDecision: 'not-automated',
            redress: 'appeal',
            appealUntil: deadline,
          },
          recipient: person(author),
        },
      ]),
    );
  });

  it("confirms the affected account's appeal and tells it the outcome (Art. 20)", async () => {
    // Act
    const received = await messagesOf('moderation.appeal-filed', { appealId });
    const decided = await messagesOf('moderation.appeal-decided', { appealId });

    // Assess
    expect(received).toEqual([{ type: 'appeal-received', params: { reference: appealId }, recipient: person(author) }]);
    expect(decided).toEqual([{ type: 'appeal-decided', params: { reference: appealId, outcome: 'reversed' }, recipient: person(author) }]);
  });

  it('tells every notifier the decision on their notice now that the appeal reversed the action: no action, final here (Art. 16(5), 20)', async () => {
    // Act
    const messages = await messagesOf('moderation.action-reversed', { caseId });
    const onAppeal = await messagesOf('moderation.appeal-decided', { appealId });

    // Assess
    const now = { outcome: 'no-action', redress: 'final-on-appeal', appealUntil: '' };
    expect(messages).toEqual([
      { type: 'notice-decided', params: { reference: adaNotice, ...now }, recipient: person(ada) },
      { type: 'notice-decided', params: { reference: ninaNotice, ...now }, recipient: address(nina) },
    ]);
    // The appeal's outcome goes to the appellant alone: no notifier hears of the reversal twice.
    expect(onAppeal.map((m) => m.recipient)).toEqual([person(author)]);
  });

  it('tells the reporter their pending reward was cancelled when the appeal reversed the action', async () => {
    // Act
    const messages = await messagesOf('moderation.reward-cancelled', { noticeId: adaNotice });

    // Assess
    expect(messages).toEqual([{ type: 'reward-cancelled', params: { reference: adaNotice, points: '100' }, recipient: person(ada) }]);
    expect(theEvent('moderation.reward-cancelled', { noticeId: adaNotice }).detail).toMatchObject({ caseId, points: 100 });
  });

  it('publishes events that name records only: no email address, no account, no one’s words', () => {
    // Act
    const events = published().filter((e) => [adaNotice, ninaNotice, caseId, appealId].some((id) => Object.values(e.detail).includes(id)));

    // Assess
    expect(events.map((e) => e['detail-type']).sort()).toEqual([
      'moderation.action-reversed',
      'moderation.appeal-decided',
      'moderation.appeal-filed',
      'moderation.case-opened',
      'moderation.decision-taken',
      'moderation.notice-merged',
      'moderation.notice-received',
      'moderation.notice-received',
      'moderation.reward-cancelled',
    ]);
    const text = JSON.stringify(events);
    for (const secret of [nina, '@', 'Nina Notifier', ada, author, EXPLANATION, removal.facts, removal.groundExplanation, 'satire']) expect(text).not.toContain(secret);
  });
});

describe('a notifier without an account, a decision not to act, and their appeal with the follow-up token', () => {
  const email = `otto-${uid()}@example.com`;
  const contentId = `post-${uid()}`;
  let noticeId: string;
  let caseId: string;
  let appealId: string;

  beforeAll(async () => {
    const filed = await fileAnonymously(contentId, email);
    noticeId = filed.noticeId;
    await h.drain();
    caseId = await caseOf(contentId);
    await decide(caseId, { action: 'no_action' });
    const appealed = await h.invoke({
      routeKey: 'POST /v1/appeals/anonymous',
      body: { noticeId, explanation: 'The wallet in the post is a known scam wallet.' },
      headers: { 'x-follow-up-token': filed.token },
      sourceIp: someAddress(),
    });
    expect(appealed.status).toBe(201);
    appealId = appealed.body!.id as string;
    await decideAppeal(appealId, { outcome: 'upheld', explanation: 'The post makes no promise of returns.' });
  });

  it('writes the decision to the contact email, with the appeal open to them until the window closes, and no statement', async () => {
    // Act
    const messages = await messagesOf('moderation.decision-taken', { caseId });

    // Assess
    const deadline = new Date(clock.now().getTime() + moderationPolicy.appealWindowMs).toISOString();
    expect(messages).toEqual([
      {
        type: 'notice-decided',
        params: { reference: noticeId, outcome: 'no-action', redress: 'appeal', appealUntil: deadline },
        recipient: address(email),
      },
    ]);
  });

  it('confirms the appeal and tells its outcome at the contact email of the notice it was filed with', async () => {
    // Act
    const received = await messagesOf('moderation.appeal-filed', { appealId });
    const decided = await messagesOf('moderation.appeal-decided', { appealId });

    // Assess
    expect(received).toEqual([{ type: 'appeal-received', params: { reference: appealId }, recipient: address(email) }]);
    expect(decided).toEqual([{ type: 'appeal-decided', params: { reference: appealId, outcome: 'upheld' }, recipient: address(email) }]);
    expect(JSON.stringify(published().filter((e) => e.detail.appealId === appealId))).not.toContain('@');
  });
});

describe('a suspension partly reversed on appeal, and the reward it releases', () => {
  const bob = `bob-${uid()}`;
  const author = `author-${uid()}`;
  const contentId = `post-${uid()}`;
  let noticeId: string;
  let caseId: string;
  let statementId: string;
  let appealId: string;
  let replacementId: string;

  beforeAll(async () => {
    noticeId = await fileAsAccount(bob, contentId);
    await h.drain();
    caseId = await caseOf(contentId);
    const suspension = { ...removal, action: 'suspend_account', durationDays: 30, affectedAccountId: author };
    statementId = (await decide(caseId, suspension)).statementId as string;
    appealId = await appeal(author, caseId);
    const decided = await decideAppeal(appealId, { outcome: 'partly_reversed', explanation: 'A label suffices.', decision: { ...removal, action: 'label' } });
    replacementId = decided.newStatementId as string;
    await h.settleRewards(clock.now());
  });

  it('states the end of a temporary measure in its statement of reasons', async () => {
    // Act
    const messages = await messagesOf('moderation.decision-taken', { caseId });

    // Assess
    expect(messages.find((m) => m.type === 'statement-of-reasons')).toMatchObject({
      params: { reference: statementId, restriction: 'suspend-account', endsAt: new Date(clock.now().getTime() + 30 * 86_400_000).toISOString() },
      recipient: person(author),
    });
  });

  it('tells the appellant the outcome and sends the statement of the lesser measure, with no internal appeal left', async () => {
    // Act
    const messages = await messagesOf('moderation.appeal-decided', { appealId });

    // Assess
    expect(replacementId).toMatch(/^sor_/);
    expect(messages).toEqual([
      { type: 'appeal-decided', params: { reference: appealId, outcome: 'partly' }, recipient: person(author) },
      {
        type: 'statement-of-reasons',
        params: expect.objectContaining({ reference: replacementId, restriction: 'label', redress: 'final-on-appeal', appealUntil: '' }),
        recipient: person(author),
      },
    ]);
  });

  it('tells the reporter of the reward credited once the appeal upheld the action in part', async () => {
    // Act
    const messages = await messagesOf('moderation.reward-credited', { noticeId });

    // Assess
    expect(messages).toEqual([{ type: 'reward-granted', params: { reference: noticeId, points: '100' }, recipient: person(bob) }]);
  });
});

describe('notices on content removed already', () => {
  const bob = `bob-${uid()}`;
  const carol = `carol-${uid()}`;
  const dora = `dora-${uid()}@example.com`;
  const contentId = `post-${uid()}`;
  let caseId: string;
  let carolNotice: string;
  let doraNotice: string;

  beforeAll(async () => {
    await fileAsAccount(bob, contentId);
    await h.drain();
    caseId = await caseOf(contentId);
    await decide(caseId, removal);
    carolNotice = await fileAsAccount(carol, contentId);
    doraNotice = (await fileAnonymously(contentId, dora)).noticeId;
    await h.drain();
  });

  it('are closed with an event through the outbox that names the notice and the case only', () => {
    // Act
    const closed = [carolNotice, doraNotice].map((noticeId) => theEvent('moderation.notice-closed', { noticeId }));

    // Assess
    expect(closed.map((e) => e.detail)).toEqual([
      expect.objectContaining({ noticeId: carolNotice, caseId, reason: 'already_actioned' }),
      expect.objectContaining({ noticeId: doraNotice, caseId, reason: 'already_actioned' }),
    ]);
    expect(JSON.stringify(closed)).not.toMatch(new RegExp(`@|${carol}`));
  });

  it('tell their notifiers that action was taken, which a notifier cannot appeal (Art. 16(5))', async () => {
    // Act
    const toCarol = await messagesOf('moderation.notice-closed', { noticeId: carolNotice });
    const toDora = await messagesOf('moderation.notice-closed', { noticeId: doraNotice });

    // Assess
    const decided = { outcome: 'action-taken', redress: 'no-internal-appeal', appealUntil: '' };
    expect(toCarol).toEqual([{ type: 'notice-decided', params: { reference: carolNotice, ...decided }, recipient: person(carol) }]);
    expect(toDora).toEqual([{ type: 'notice-decided', params: { reference: doraNotice, ...decided }, recipient: address(dora) }]);
  });
});

describe("a decision not to act reversed on a notifier's appeal", () => {
  const rita = `rita-${uid()}`;
  const author = `author-${uid()}`;
  const contentId = `post-${uid()}`;
  let noticeId: string;
  let caseId: string;

  beforeAll(async () => {
    noticeId = await fileAsAccount(rita, contentId);
    await h.drain();
    caseId = await caseOf(contentId);
    await decide(caseId, { action: 'no_action' });
    const appealed = await h.invoke({ routeKey: 'POST /v1/appeals', caller: { sub: rita, role: 'user' }, body: { caseId, explanation: 'The wallet is a known scam.' } });
    expect(appealed.status).toBe(201);
    await decideAppeal(appealed.body!.id as string, { outcome: 'reversed', explanation: 'It is a scam.', decision: { ...removal, affectedAccountId: author } });
  });

  it('tells the notifier and the affected account of the action taken on appeal, with no internal appeal left', async () => {
    // Prepare
    const [takenOnAppeal] = published().filter((e) => e['detail-type'] === 'moderation.decision-taken' && e.detail.caseId === caseId && e.detail.onAppeal);

    // Act
    const messages = await audience.messagesFor(takenOnAppeal!);

    // Assess
    expect(messages).toEqual([
      { type: 'notice-decided', params: { reference: noticeId, outcome: 'action-taken', redress: 'final-on-appeal', appealUntil: '' }, recipient: person(rita) },
      { type: 'statement-of-reasons', params: expect.objectContaining({ restriction: 'remove', redress: 'final-on-appeal', appealUntil: '' }), recipient: person(author) },
    ]);
  });
});

describe('a reporter of manifestly unfounded notices (Art. 23)', () => {
  const mallory = `mallory-${uid()}`;
  const notices: string[] = [];

  beforeAll(async () => {
    const { warnAfter, suspendAfter } = moderationPolicy.misuse;
    expect(warnAfter).toBeLessThan(suspendAfter);
    for (let i = 0; i < suspendAfter; i += 1) {
      const contentId = `post-${uid()}`;
      const noticeId = await fileAsAccount(mallory, contentId);
      await h.drain();
      await decide(await caseOf(contentId), { action: 'no_action', unfoundedNoticeIds: [noticeId] });
      notices.push(noticeId);
    }
  });

  it('is warned, with the notice that brought the warning as its reference', async () => {
    // Prepare
    const struck = notices[moderationPolicy.misuse.warnAfter - 1]!;

    // Act
    const messages = await messagesOf('moderation.reporter-warned', { noticeId: struck });

    // Assess
    expect(messages).toEqual([{ type: 'misuse-warning', params: { reference: struck }, recipient: person(mallory) }]);
  });

  it('is then suspended from reporting until a time the message states', async () => {
    // Prepare
    const struck = notices.at(-1)!;
    const event = theEvent('moderation.reporter-suspended', { noticeId: struck });

    // Act
    const messages = await audience.messagesFor(event);

    // Assess
    const until = new Date(clock.now().getTime() + moderationPolicy.misuse.suspensionMs).toISOString();
    expect(event.detail).toMatchObject({ noticeId: struck, until, suspensions: 1 });
    expect(messages).toEqual([{ type: 'misuse-suspension', params: { reference: struck, until }, recipient: person(mallory) }]);
    expect(JSON.stringify(event.detail)).not.toContain(mallory);
  });
});

describe('events the audience cannot act on', () => {
  const event = (type: string, detail: Record<string, unknown>): DomainEventEnvelope => ({
    id: randomUUID(),
    source: 'user-protection.moderation',
    'detail-type': type,
    time: clock.now().toISOString(),
    detail,
  });

  it.each<[string, Record<string, unknown>]>([
    ['moderation.notice-received', { noticeId: 'ntc_01JD0000000000000000000000' }],
    ['moderation.decision-taken', { caseId: 'case_01JD0000000000000000000000', statementId: 'sor_01JD0000000000000000000000' }],
    ['moderation.appeal-filed', { appealId: 'apl_01JD0000000000000000000000' }],
    ['moderation.appeal-decided', { appealId: 'apl_01JD0000000000000000000000' }],
    ['moderation.reward-credited', { noticeId: 'ntc_01JD0000000000000000000000' }],
    ['moderation.reporter-warned', { noticeId: 'ntc_01JD0000000000000000000000' }],
    ['moderation.notice-closed', { noticeId: 'ntc_01JD0000000000000000000000', caseId: 'case_01JD0000000000000000000000', reason: 'already_actioned' }],
    ['moderation.action-reversed', { caseId: 'case_01JD0000000000000000000000', undo: 'remove' }],
  ])('%s about a record moderation does not know sends nothing', async (type, detail) => {
    // Act + Assess
    await expect(audience.messagesFor(event(type, detail))).resolves.toEqual([]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['moderation.decision-taken', { caseId: 'not-a-case' }, 'detail.caseId'],
    ['moderation.notice-received', {}, 'detail.noticeId'],
    ['moderation.reporter-suspended', { noticeId: 'ntc_01JD0000000000000000000000' }, 'detail.until'],
  ])('a malformed %s is refused, saying where', async (type, detail, where) => {
    // Act + Assess
    await expect(audience.messagesFor(event(type, detail))).rejects.toThrow(new RegExp(`Malformed ${type} event .*${where.replace('.', '\\.')}`));
  });
});

describe('a notice the reports queue does not take', () => {
  it('is removed with its held notice-received event, which neither the stream relay nor the scheduled relay ever publishes, so no receipt is sent for it', async () => {
    // Prepare: the API's ports, with a queue that refuses (its warning recorded, not printed).
    const logger = createLogger('moderation-notifications-test');
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const { ports } = moderationPortsFromEnvironment({ clock, env: h.env, logger }, 'moderation', {
      cipher: cipherFromEnvironment(h.env),
      queues: { send: () => Promise.reject(new Error('queue down')) },
    });
    const stageHeld = vi.spyOn(ports.outbox, 'stageHeld');
    const contentId = `post-${uid()}`;

    // Act: the filing, then the stream relay, and the scheduled relay once the grace period has passed.
    const filing = fileNotice(ports, { kind: 'person', sub: `zoe-${uid()}`, roles: ['user'], scopes: [] }, CreateNoticeRequestSchema.parse(scamNotice(contentId)));
    await filing.catch(() => undefined);
    const drained = await h.outboxStream.drain();
    const outboxItems = [];
    for (let shard = 0; shard < OUTBOX_SHARDS; shard += 1) {
      const { Items = [] } = await h.document.send(
        new QueryCommand({ TableName: h.tableNames.moderation, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `OUTBOX#${shard}` }, ConsistentRead: true }),
      );
      outboxItems.push(...Items);
    }
    const relayed = (await h.relayOutbox(new Date(clock.now().getTime() + 2 * 60_000))) as { failed: number };

    // Assess
    await expect(filing).rejects.toBeInstanceOf(QueueUnavailableError);
    const [staged] = stageHeld.mock.results.map((result) => result.value as ReturnType<typeof ports.outbox.stageHeld>);
    const eventIds = staged!.events.map((event) => event.eventId);
    expect(staged!.events.map((event) => event.type)).toEqual(['moderation.notice-received']);
    expect(drained).toEqual({ handed: 0, batchItemFailures: [] });
    expect(relayed.failed).toBe(0);
    expect(published().filter((event) => eventIds.includes(event.detail.eventId as string))).toEqual([]);
    expect(warn).toHaveBeenCalledWith('Notice not queued', { errorName: 'Error' });
    const { Items: notices = [] } = await h.document.send(
      new ScanCommand({ TableName: h.tableNames.moderation, FilterExpression: 'contentId = :c', ExpressionAttributeValues: { ':c': contentId } }),
    );
    expect(notices).toEqual([]);
    expect(outboxItems.flatMap((item) => item.events as Array<{ type: string }>).map((e) => e.type)).not.toContain('moderation.notice-received');
  });
});
