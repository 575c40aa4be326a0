import * as z from 'zod/mini';
import type { Clock } from '#shared/clock.ts';
import { idPattern, idPrefixes } from '#shared/ids.ts';
import { notifiedEvents } from '#shared/notifications/manifest.ts';
import type { Audience, DomainEventEnvelope, Outgoing } from '#shared/notifications/use-cases/ports.ts';
import {
  type InviteeQuery,
  type SurveyInvitedDetail,
  type SurveyReminderDueDetail,
  surveyEventTypes,
  surveyKinds,
} from '#shared/surveys/index.ts';

const SOURCE = 'user-protection.surveys';

/** The details as the surveys context publishes them (the annotations hold the two to the same shape). */
const reminderDueDetail = z.object({
  invitationId: z.string().check(z.regex(idPattern(idPrefixes.surveyInvitation))),
  closesAt: z.iso.datetime({ offset: true }),
}) satisfies z.ZodMiniType<SurveyReminderDueDetail>;
const invitedDetail = z.extend(reminderDueDetail, {
  kind: z.enum(surveyKinds),
  offeredInApp: z.boolean(),
}) satisfies z.ZodMiniType<SurveyInvitedDetail>;

/**
 * What the surveys context's events mean to people: the invitee hears of an invitation, and once
 * of the reminder before it closes. Events name the invitation, not the person, so the invitee is
 * asked of the surveys context, which also says whether it is answered: nothing is sent about a
 * survey answered (or closed) by the time the event is handled. An invitation made while the person
 * was looking at their surveys (the monthly sample drawn on sight) needs no message: they have it
 * before them, and the reminder still reaches them if they leave it unanswered.
 */
export const surveysAudience = (invitations: InviteeQuery, clock: Clock = { now: () => new Date() }): Audience => {
  /** The message to the invitee of a survey still open and unanswered, or none. */
  const toInvitee = async (
    detail: { invitationId: string; closesAt: string },
    type: 'survey-invitation' | 'survey-reminder',
  ): Promise<Outgoing[]> => {
    if (Date.parse(detail.closesAt) <= clock.now().getTime()) return [];
    const invitee = await invitations.invitee(detail.invitationId);
    if (!invitee?.unanswered) return [];
    return [{ type, params: { reference: invitee.surveyId, closesAt: detail.closesAt }, recipient: { kind: 'person', sub: invitee.sub } }];
  };

  const byType: Record<string, (detail: unknown) => Promise<Outgoing[]>> = {
    [surveyEventTypes.invited]: async (raw) => {
      const d = invitedDetail.parse(raw);
      return d.offeredInApp ? [] : toInvitee(d, 'survey-invitation');
    },
    [surveyEventTypes.reminderDue]: async (raw) => toInvitee(reminderDueDetail.parse(raw), 'survey-reminder'),
  };

  return {
    source: SOURCE,
    detailTypes: notifiedEvents[SOURCE],
    messagesFor: (event: DomainEventEnvelope) => byType[event['detail-type']]?.(event.detail) ?? Promise.resolve([]),
  };
};
