import { describe, expect, it } from 'vitest';
import type { ModerationNotificationQuery, RewardNotification, StatementNotification } from '#shared/moderation/index.ts';
import { moderationAudience } from '#shared/notifications/audiences/moderation.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { DomainEventEnvelope } from '#shared/notifications/use-cases/ports.ts';

/**
 * The trust-and-safety audience against a stand-in for moderation's notification query: which
 * messages each event calls for, to whom, with the catalogue's parameters.
 */

const SOURCE = 'user-protection.moderation';
const NOTICE = 'ntc_01JD0000000000000000000001';
const ANONYMOUS_NOTICE = 'ntc_01JD0000000000000000000002';
const SILENT_NOTICE = 'ntc_01JD0000000000000000000003';
const CASE = 'case_01JD0000000000000000000001';
const STATEMENT = 'sor_01JD0000000000000000000001';
const APPEAL = 'apl_01JD0000000000000000000001';
const ENDS_AT = '2026-09-01T00:00:00.000Z';

const statement: StatementNotification = {
  statementId: STATEMENT,
  caseId: CASE,
  affected: { kind: 'account', accountId: 'author-1' },
  action: 'restrict_account',
  endsAt: ENDS_AT,
  ground: 'illegal',
  groundReference: 'Consumer protection act, s. 5',
  groundExplanation: 'The offer misleads about the price.',
  facts: 'The advertised price excluded mandatory fees.',
  automatedDetection: true,
  automatedDecision: 'partially',
  redress: { kind: 'final_on_appeal' },
};
const APPEAL_UNTIL = '2027-02-03T09:00:00.000Z';
const CLOSED_NOTICE = 'ntc_01JD0000000000000000000004';

const query = (over: Partial<ModerationNotificationQuery> = {}): ModerationNotificationQuery => ({
  notice: async (noticeId) =>
    ({
      [NOTICE]: { noticeId, notifier: { kind: 'account', accountId: 'ada' } } as const,
      [ANONYMOUS_NOTICE]: { noticeId, notifier: { kind: 'email', email: 'nina@example.com' } } as const,
      [SILENT_NOTICE]: { noticeId },
    })[noticeId],
  caseDecision: async (caseId) => ({
    caseId,
    action: 'no_action',
    decidedAt: '2026-08-03T09:00:00.000Z',
    notices: [
      { noticeId: NOTICE, notifier: { kind: 'account', accountId: 'ada' }, outcome: 'no_action', redress: { kind: 'appeal', until: APPEAL_UNTIL } },
      {
        noticeId: ANONYMOUS_NOTICE,
        notifier: { kind: 'email', email: 'nina@example.com' },
        outcome: 'no_action',
        redress: { kind: 'appeal', until: APPEAL_UNTIL },
      },
    ],
  }),
  closedNotice: async (noticeId) =>
    noticeId === CLOSED_NOTICE
      ? { noticeId, notifier: { kind: 'account', accountId: 'carol' }, outcome: 'action_taken', redress: { kind: 'no_internal_appeal' } }
      : undefined,
  caseReversal: async (caseId) => ({
    caseId,
    action: 'no_action',
    decidedAt: '2026-08-05T09:00:00.000Z',
    notices: [
      { noticeId: NOTICE, notifier: { kind: 'account', accountId: 'ada' }, outcome: 'no_action', redress: { kind: 'final_on_appeal' } },
      { noticeId: ANONYMOUS_NOTICE, notifier: { kind: 'email', email: 'nina@example.com' }, outcome: 'no_action', redress: { kind: 'final_on_appeal' } },
    ],
  }),
  statement: async (statementId) => (statementId === STATEMENT ? statement : undefined),
  appeal: async () => undefined,
  reward: async () => undefined,
  ...over,
});

const event = (type: string, detail: Record<string, unknown>): DomainEventEnvelope => ({
  id: 'e-1',
  source: SOURCE,
  'detail-type': type,
  time: '2026-08-03T09:00:00Z',
  detail: { ...detail, eventId: 'x:0', occurredAt: '2026-08-03T09:00:00.000Z' },
});

describe('the trust-and-safety audience', () => {
  it('reads exactly the moderation events the notifications rule routes', () => {
    // Act
    const audience = moderationAudience(query());

    // Assess
    expect(audience.source).toBe(SOURCE);
    expect(audience.detailTypes).toEqual(notifiedEvents[SOURCE]);
  });

  it.each<[string, string, unknown]>([
    ['an account', NOTICE, { kind: 'person', sub: 'ada' }],
    ['a notifier without an account, at their contact email', ANONYMOUS_NOTICE, { kind: 'address', address: 'nina@example.com' }],
  ])('confirms a notice to %s', async (_name, noticeId, recipient) => {
    // Act + Assess
    await expect(moderationAudience(query()).messagesFor(event('moderation.notice-received', { noticeId }))).resolves.toEqual([
      { type: 'notice-received', params: { reference: noticeId }, recipient },
    ]);
  });

  it.each(['moderation.notice-received', 'moderation.reporter-warned'])('sends nothing on %s for a notifier who cannot be reached', async (type) => {
    // Act + Assess
    await expect(moderationAudience(query()).messagesFor(event(type, { noticeId: SILENT_NOTICE }))).resolves.toEqual([]);
  });

  it("sends every notifier the decision in the catalogue's spelling, and the statement with its codes and end", async () => {
    // Act
    const messages = await moderationAudience(query()).messagesFor(event('moderation.decision-taken', { caseId: CASE, statementId: STATEMENT }));

    // Assess
    expect(messages).toEqual([
      {
        type: 'notice-decided',
        params: { reference: NOTICE, outcome: 'no-action', redress: 'appeal', appealUntil: APPEAL_UNTIL },
        recipient: { kind: 'person', sub: 'ada' },
      },
      {
        type: 'notice-decided',
        params: { reference: ANONYMOUS_NOTICE, outcome: 'no-action', redress: 'appeal', appealUntil: APPEAL_UNTIL },
        recipient: { kind: 'address', address: 'nina@example.com' },
      },
      {
        type: 'statement-of-reasons',
        params: {
          reference: STATEMENT,
          restriction: 'restrict-account',
          groundType: 'illegal',
          ground: 'Consumer protection act, s. 5 — The offer misleads about the price.',
          facts: statement.facts,
          automatedDetection: 'yes',
          automatedDecision: 'partially',
          redress: 'final-on-appeal',
          appealUntil: '',
          endsAt: ENDS_AT,
        },
        recipient: { kind: 'person', sub: 'author-1' },
      },
    ]);
  });

  it('sends no statement when its case is not the one decided, or when the content has no known author', async () => {
    // Prepare
    const otherCase = query({ statement: async () => ({ ...statement, caseId: 'case_01JD0000000000000000000009' }) });
    const noAuthor = query({ statement: async () => ({ ...statement, affected: undefined }) });
    const decided = event('moderation.decision-taken', { caseId: CASE, statementId: STATEMENT });

    // Act
    const types = await Promise.all([otherCase, noAuthor].map(async (q) => (await moderationAudience(q).messagesFor(decided)).map((m) => m.type)));

    // Assess
    expect(types).toEqual([
      ['notice-decided', 'notice-decided'],
      ['notice-decided', 'notice-decided'],
    ]);
  });

  it("tells the notifier of a notice closed because its content was removed already that action was taken, which they cannot appeal", async () => {
    // Act
    const messages = await moderationAudience(query()).messagesFor(
      event('moderation.notice-closed', { noticeId: CLOSED_NOTICE, caseId: CASE, reason: 'already_actioned' }),
    );

    // Assess
    expect(messages).toEqual([
      {
        type: 'notice-decided',
        params: { reference: CLOSED_NOTICE, outcome: 'action-taken', redress: 'no-internal-appeal', appealUntil: '' },
        recipient: { kind: 'person', sub: 'carol' },
      },
    ]);
  });

  it('sends nothing on notice-closed for a notice moderation does not know as closed, or whose notifier cannot be reached', async () => {
    // Act + Assess
    await expect(moderationAudience(query()).messagesFor(event('moderation.notice-closed', { noticeId: NOTICE, caseId: CASE }))).resolves.toEqual([]);
  });

  it('tells every notifier of a case whose action an appeal reversed the decision now: no action, final on appeal', async () => {
    // Act
    const messages = await moderationAudience(query()).messagesFor(
      event('moderation.action-reversed', { caseId: CASE, contentId: 'post-1', undo: 'remove', statementId: STATEMENT }),
    );

    // Assess
    const now = { outcome: 'no-action', redress: 'final-on-appeal', appealUntil: '' };
    expect(messages).toEqual([
      { type: 'notice-decided', params: { reference: NOTICE, ...now }, recipient: { kind: 'person', sub: 'ada' } },
      { type: 'notice-decided', params: { reference: ANONYMOUS_NOTICE, ...now }, recipient: { kind: 'address', address: 'nina@example.com' } },
    ]);
  });

  it('sends nothing on action-reversed for a case moderation does not know as reversed', async () => {
    // Act + Assess
    await expect(moderationAudience(query({ caseReversal: async () => undefined })).messagesFor(event('moderation.action-reversed', { caseId: CASE }))).resolves.toEqual(
      [],
    );
  });

  it.each<[string, RewardNotification['status'], string | undefined]>([
    ['moderation.reward-credited', 'paid', 'reward-granted'],
    ['moderation.reward-credited', 'cancelled', undefined],
    ['moderation.reward-cancelled', 'cancelled', 'reward-cancelled'],
    ['moderation.reward-cancelled', 'paid', undefined],
  ])('on %s of a reward now %s, sends %s', async (type, status, expected) => {
    // Prepare
    const reward = { noticeId: NOTICE, caseId: CASE, points: 50, status, reporter: { kind: 'account', accountId: 'ada' } } as const;

    // Act
    const messages = await moderationAudience(query({ reward: async () => reward })).messagesFor(event(type, { noticeId: NOTICE, caseId: CASE, points: 50 }));

    // Assess
    expect(messages).toEqual(expected ? [{ type: expected, params: { reference: NOTICE, points: '50' }, recipient: { kind: 'person', sub: 'ada' } }] : []);
  });

  it('tells the appellant of an appeal that is still pending nothing on appeal-decided', async () => {
    // Prepare
    const pending = query({
      appeal: async () => ({ appealId: APPEAL, caseId: CASE, appellantKind: 'affected', appellant: { kind: 'account', accountId: 'author-1' }, status: 'pending' }),
    });

    // Act + Assess
    await expect(moderationAudience(pending).messagesFor(event('moderation.appeal-decided', { appealId: APPEAL }))).resolves.toEqual([]);
  });

  it('ignores an event type it does not read', async () => {
    // Act + Assess
    await expect(moderationAudience(query()).messagesFor(event('moderation.case-opened', { caseId: CASE }))).resolves.toEqual([]);
  });

  it('refuses a malformed event without repeating its values', async () => {
    // Act + Assess
    await expect(moderationAudience(query()).messagesFor(event('moderation.decision-taken', { caseId: 'nina@example.com' }))).rejects.toThrow(
      /^Malformed moderation\.decision-taken event e-1: detail\.caseId: (?!.*nina)/,
    );
  });
});
