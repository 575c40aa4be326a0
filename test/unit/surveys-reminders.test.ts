import { describe, expect, it } from 'vitest';
import { TransientConflictError, type TransactItem } from '#shared/aws/table.ts';
import { HOUR_MS } from '#shared/clock.ts';
import type { StagedEvents } from '#shared/events/outbox.ts';
import type { PublishableEvent } from '#shared/events/publisher.ts';
import { newCampaign } from '#shared/surveys/domain/campaigns.ts';
import { invitedEvent, reminderDueEvent, surveyEventTypes } from '#shared/surveys/domain/events.ts';
import { newInvitation, type Invitation } from '#shared/surveys/domain/invitations.ts';
import { surveyPolicy } from '#shared/surveys/domain/policy.ts';
import { reminderHorizon, reminderStep } from '#shared/surveys/domain/reminders.ts';
import { invitationItem, invitationRefItem } from '#shared/surveys/store/items.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { REMINDERS_PER_RUN, sendReminders } from '#shared/surveys/use-cases/send-reminders.ts';

const DAY_MS = 24 * HOUR_MS;
const closes = new Date('2026-12-01T00:00:00.000Z');
const campaign = newCampaign('monthly', '2026-11', 1, surveyPolicy, new Date('2026-11-01T00:10:00.000Z'));
const invitedOn = (at: string, ref = 'inv_01JD0000000000000000000000', userId = 'ada'): Invitation & { ref: string } =>
  newInvitation(campaign, userId, new Date(at), surveyPolicy, { ref }) as Invitation & { ref: string };
const beforeClose = (ms: number) => new Date(closes.getTime() - ms);

describe('the one reminder before a survey closes (pure)', () => {
  const invitation = invitedOn('2026-11-03T10:00:00.000Z');

  it.each([
    ['while the survey closes later than the lead', beforeClose(surveyPolicy.reminderLeadMs + HOUR_MS), 'wait'],
    ['once the survey closes within the lead', beforeClose(surveyPolicy.reminderLeadMs - HOUR_MS), 'remind'],
    ['an hour before the close', beforeClose(HOUR_MS), 'remind'],
    ['at the close and after it: lapsed', closes, 'lapsed'],
  ] as const)('%s', (_, now, step) => {
    expect(reminderStep(invitation, now, surveyPolicy)).toBe(step);
  });

  it('sends none to those who answered or were reminded', () => {
    const now = beforeClose(DAY_MS);
    expect(reminderStep({ ...invitation, status: 'responded' }, now, surveyPolicy)).toBe('none');
    expect(reminderStep({ ...invitation, remindedAt: now.toISOString() }, now, surveyPolicy)).toBe('none');
  });

  it('waits until the invitation is old enough, so that nobody is reminded of what they were just asked', () => {
    const recent = invitedOn(beforeClose(30 * HOUR_MS).toISOString());
    expect(reminderStep(recent, beforeClose(10 * HOUR_MS), surveyPolicy)).toBe('wait');
    expect(reminderStep(recent, beforeClose(5 * HOUR_MS), surveyPolicy)).toBe('remind');
    // Invited within a day of the close: it closes before it is old enough, and lapses unreminded.
    const late = invitedOn(beforeClose(20 * HOUR_MS).toISOString());
    expect(reminderStep(late, beforeClose(HOUR_MS), surveyPolicy)).toBe('wait');
  });

  it('looks as far ahead as the lead', () => {
    expect(reminderHorizon(new Date('2026-11-29T00:00:00.000Z'), surveyPolicy).toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('the events of the surveys context', () => {
  const invitation = invitedOn('2026-11-03T10:00:00.000Z');
  const at = new Date('2026-11-03T10:00:01.000Z');

  it('name the invitation by its own id, never the person', () => {
    expect(invitedEvent(invitation, true, at)).toEqual({
      type: surveyEventTypes.invited,
      at: at.toISOString(),
      detail: { invitationId: invitation.ref, kind: 'monthly', closesAt: '2026-12-01T00:00:00.000Z', offeredInApp: true },
    });
    expect(reminderDueEvent(invitation, at)).toEqual({
      type: surveyEventTypes.reminderDue,
      at: at.toISOString(),
      detail: { invitationId: invitation.ref, closesAt: '2026-12-01T00:00:00.000Z' },
    });
    expect(JSON.stringify([invitedEvent(invitation, false, at), reminderDueEvent(invitation, at)])).not.toContain('ada');
  });
});

describe('the invitation items', () => {
  const invitation = invitedOn('2026-11-03T10:00:00.000Z');

  it('put an unanswered, unreminded invitation in the reminders index, by closing time', () => {
    expect(invitationItem(invitation)).toMatchObject({ reminderPk: 'REMINDERS', reminderSk: `2026-12-01T00:00:00.000Z#${invitation.ref}` });
    expect(invitationRefItem(invitation)).toEqual({
      pk: `INVITATION#${invitation.ref}`,
      sk: 'INVITATION',
      entity: 'invitation-ref',
      userId: 'ada',
      invitationId: '2026-11-monthly',
    });
  });

  it.each([
    ['answered', { status: 'responded' as const }],
    ['reminded', { remindedAt: '2026-11-29T01:00:00.000Z' }],
    ['made before invitations had their own id', { ref: undefined }],
  ])('leave an invitation %s out of the index', (_, change) => {
    const item = invitationItem({ ...invitation, ...change });
    expect(item).not.toHaveProperty('reminderPk');
    expect(item).not.toHaveProperty('reminderSk');
  });
});

/**
 * An outbox that records what it staged, and the events of the outbox items a write committed:
 * what the stream relay publishes.
 */
const recordingOutbox = () => {
  const published: PublishableEvent[][] = [];
  const staged: Array<{ events: readonly PublishableEvent[]; changeId?: string }> = [];
  return {
    published,
    staged,
    /** Records the outbox items of a write that committed (their events reach the bus). */
    committed: (items: readonly TransactItem[]) => {
      for (const item of items) published.push((item.Put!.Item as { events: PublishableEvent[] }).events);
    },
    outbox: {
      stage: (events: readonly PublishableEvent[], _at: Date, changeId?: string): StagedEvents => {
        staged.push({ events, ...(changeId && { changeId }) });
        const outboxEvents = events.map((e, i) => ({ ...e, eventId: `${changeId}:${i}` }));
        return { key: { pk: 'OUTBOX#0', sk: 'x' }, events: outboxEvents, items: [{ Put: { TableName: 't', Item: { events } } }] };
      },
    },
  };
};

describe('a write only its first writer makes', () => {
  const event = { type: 'survey.invited', at: '2026-11-03T10:00:00.000Z', detail: {} };

  it('writes the outbox item with the change, so that only the call that made the write has its events published', async () => {
    const made = recordingOutbox();
    const lost = recordingOutbox();
    const written: unknown[] = [];

    const first = await commitChange(made.outbox, { events: [event], at: new Date(), changeId: 'inv_1' }, async (items) => {
      written.push(...items);
      made.committed(items);
      return true;
    });
    const second = await commitChange(lost.outbox, { events: [event], at: new Date(), changeId: 'inv_1' }, async () => false);

    expect([first, second]).toEqual([true, false]);
    expect(written).toHaveLength(1);
    expect(made.published).toHaveLength(1);
    expect(lost.published).toEqual([]);
  });
});

describe('sending reminders', () => {
  const now = beforeClose(DAY_MS);
  const store = (
    invitations: Invitation[],
    options: { refusing?: ReadonlySet<string>; contended?: ReadonlySet<string>; committed?: (items: readonly TransactItem[]) => void } = {},
  ) => {
    const refusing = options.refusing ?? new Set<string>();
    const contended = options.contended ?? new Set<string>();
    const reminded: string[] = [];
    const dropped: string[] = [];
    return {
      reminded,
      dropped,
      invitations: {
        async *awaitingReminder(until: Date) {
          for (const invitation of invitations) if (Date.parse(invitation.expiresAt) < until.getTime()) yield invitation;
        },
        markReminded: async (invitation: Invitation, _at: Date, outboxItems: TransactItem[]) => {
          if (contended.has(invitation.userId)) throw new TransientConflictError('TransactionConflict');
          if (refusing.has(invitation.userId)) return false;
          reminded.push(invitation.userId);
          options.committed?.(outboxItems);
          return true;
        },
        dropFromReminders: async (invitation: Invitation) => {
          dropped.push(invitation.userId);
        },
      },
    };
  };

  it('reminds the due, drops the lapsed, leaves the recent, and publishes only what it marked', async () => {
    // Prepare
    const lapsed = { ...invitedOn('2026-11-03T10:00:00.000Z', 'inv_lapsed', 'lapsed'), expiresAt: beforeClose(2 * DAY_MS).toISOString() };
    const due = invitedOn('2026-11-03T10:00:00.000Z', 'inv_due', 'due');
    const recent = invitedOn(beforeClose(30 * HOUR_MS).toISOString(), 'inv_recent', 'recent');
    const answeredMeanwhile = invitedOn('2026-11-03T10:00:00.000Z', 'inv_answered', 'answered');
    const o = recordingOutbox();
    const s = store([lapsed, due, recent, answeredMeanwhile], { refusing: new Set(['answered']), committed: o.committed });

    // Act
    const report = await sendReminders({ invitations: s.invitations, outbox: o.outbox, policy: surveyPolicy }, now);

    // Assess
    expect(report).toEqual({ reminded: 1, lapsed: 1, deferred: 0 });
    expect(s.reminded).toEqual(['due']);
    expect(s.dropped).toEqual(['lapsed']);
    expect(o.staged.map((x) => x.changeId)).toEqual(['inv_due:reminder', 'inv_answered:reminder']);
    expect(o.published.flat().map((e) => e.detail)).toEqual([{ invitationId: 'inv_due', closesAt: due.expiresAt }]);
  });

  it('leaves a reminder that concurrent writes kept out for the next run, and goes on with the others', async () => {
    const [contended, other] = [invitedOn('2026-11-03T10:00:00.000Z', 'inv_c', 'contended'), invitedOn('2026-11-03T10:00:00.000Z', 'inv_o', 'other')];
    const o = recordingOutbox();
    const s = store([contended, other], { contended: new Set(['contended']), committed: o.committed });

    const report = await sendReminders({ invitations: s.invitations, outbox: o.outbox, policy: surveyPolicy }, now);

    expect(report).toEqual({ reminded: 1, lapsed: 0, deferred: 1 });
    expect(o.published.flat().map((e) => e.detail.invitationId)).toEqual(['inv_o']);
  });

  it(`makes at most ${REMINDERS_PER_RUN} writes per run, leaving the rest to the next`, async () => {
    const many = Array.from({ length: REMINDERS_PER_RUN + 5 }, (_, i) => invitedOn('2026-11-03T10:00:00.000Z', `inv_${i}`, `user-${i}`));
    const s = store(many);

    const report = await sendReminders({ invitations: s.invitations, outbox: recordingOutbox().outbox, policy: surveyPolicy }, now);

    expect(report.reminded).toBe(REMINDERS_PER_RUN);
  });
});
