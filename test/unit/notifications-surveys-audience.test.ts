import { describe, expect, it } from 'vitest';
import { fixedClock } from '#shared/clock.ts';
import { surveysAudience } from '#shared/notifications/audiences/surveys.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { DomainEventEnvelope } from '#shared/notifications/use-cases/ports.ts';
import type { Invitee, InviteeQuery } from '#shared/surveys/index.ts';

const SOURCE = 'user-protection.surveys';
const clock = fixedClock('2026-11-29T01:00:00.000Z');
const closesAt = '2026-12-01T00:00:00.000Z';
const open = 'inv_01JD0000000000000000000001';
const answered = 'inv_01JD0000000000000000000002';

/** The surveys context's answers, by invitation id; records what was asked. */
const query = (invitees: Record<string, Invitee>) => {
  const asked: string[] = [];
  const q: InviteeQuery = {
    invitee: async (invitationId) => {
      asked.push(invitationId);
      return invitees[invitationId];
    },
  };
  return { q, asked };
};
const invitees = {
  [open]: { sub: 'sub-ada', surveyId: '2026-11-post-resolution.cmp_01JD0000000000000000000000', unanswered: true },
  [answered]: { sub: 'sub-bob', surveyId: '2026-11-monthly', unanswered: false },
};

const event = (type: string, detail: Record<string, unknown>): DomainEventEnvelope => ({
  id: 'e-1',
  source: SOURCE,
  'detail-type': type,
  time: clock.now().toISOString(),
  detail: { ...detail, eventId: 'x:0', occurredAt: clock.now().toISOString() },
});
const invited = (invitationId: string, extra: Record<string, unknown> = {}) =>
  event('survey.invited', { invitationId, kind: 'post-resolution', closesAt, offeredInApp: false, ...extra });
const reminder = (invitationId: string, extra: Record<string, unknown> = {}) => event('survey.reminder-due', { invitationId, closesAt, ...extra });

describe('the surveys audience', () => {
  const audience = surveysAudience(query(invitees).q, clock);

  it('reads exactly the surveys events the notifications rule routes', () => {
    expect(audience.source).toBe(SOURCE);
    expect(audience.detailTypes).toEqual(notifiedEvents[SOURCE]);
  });

  it('invites the invitee, with the survey as they know it and its closing time', async () => {
    await expect(audience.messagesFor(invited(open))).resolves.toEqual([
      { type: 'survey-invitation', params: { reference: invitees[open].surveyId, closesAt }, recipient: { kind: 'person', sub: 'sub-ada' } },
    ]);
  });

  it('reminds the invitee who has not answered', async () => {
    await expect(audience.messagesFor(reminder(open))).resolves.toEqual([
      { type: 'survey-reminder', params: { reference: invitees[open].surveyId, closesAt }, recipient: { kind: 'person', sub: 'sub-ada' } },
    ]);
  });

  it('sends nothing about a survey answered meanwhile, closed meanwhile, or of nobody known', async () => {
    const past = '2026-11-29T00:59:59.000Z';
    await expect(audience.messagesFor(reminder(answered))).resolves.toEqual([]);
    await expect(audience.messagesFor(invited(answered))).resolves.toEqual([]);
    await expect(audience.messagesFor(reminder(open, { closesAt: past }))).resolves.toEqual([]);
    await expect(audience.messagesFor(reminder('inv_01JD0000000000000000000009'))).resolves.toEqual([]);
  });

  it('sends no invitation for one made while the person was looking at their surveys, and does not even ask who', async () => {
    const { q, asked } = query(invitees);

    const messages = await surveysAudience(q, clock).messagesFor(invited(open, { kind: 'monthly', offeredInApp: true }));

    expect(messages).toEqual([]);
    expect(asked).toEqual([]);
  });

  it.each([
    ['an invitation id of another kind', invited('cmp_01JD0000000000000000000000')],
    ['no closing time', reminder(open, { closesAt: undefined })],
    ['a closing time that is no time', reminder(open, { closesAt: 'soon' })],
    ['an unknown survey kind', invited(open, { kind: 'weekly' })],
    ['no word on whether it was offered in the app', invited(open, { offeredInApp: undefined })],
  ])('refuses a detail with %s', async (_, bad) => {
    await expect(audience.messagesFor(bad)).rejects.toThrow();
  });

  it('has nothing to say about other surveys events', async () => {
    await expect(audience.messagesFor(event('survey.answered', { invitationId: open }))).resolves.toEqual([]);
  });
});
