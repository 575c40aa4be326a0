import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';

/**
 * The domain events of the surveys context, pure. They name an invitation by its own id
 * (`inv_...`), never the person: whoever needs the invitee asks the surveys context
 * (`inviteeQueryFromEnvironment` in index.ts), which also says whether it was answered meanwhile.
 */

export const surveyEventTypes = {
  invited: 'survey.invited',
  reminderDue: 'survey.reminder-due',
} as const;

export interface SurveyInvitedDetail {
  invitationId: string;
  kind: SurveyKind;
  /** Answers are accepted before this time (ISO). */
  closesAt: string;
  /**
   * The invitation was made as the app showed the person their surveys (the monthly sample is
   * drawn on sight): they have it before them, so it needs no message; the reminder still applies.
   */
  offeredInApp: boolean;
}

export interface SurveyReminderDueDetail {
  invitationId: string;
  closesAt: string;
}

/** What the outbox publishes (shared/events/publisher.ts PublishableEvent). */
interface SurveyEvent<Detail> {
  type: string;
  at: string;
  detail: Detail & Record<string, unknown>;
}

/** An invitation with its own id: only those can be named in events. */
export type ReferencedInvitation = Invitation & { ref: string };

export const invitedEvent = (invitation: ReferencedInvitation, offeredInApp: boolean, at: Date): SurveyEvent<SurveyInvitedDetail> => ({
  type: surveyEventTypes.invited,
  at: at.toISOString(),
  detail: { invitationId: invitation.ref, kind: invitation.kind, closesAt: invitation.expiresAt, offeredInApp },
});

export const reminderDueEvent = (invitation: ReferencedInvitation, at: Date): SurveyEvent<SurveyReminderDueDetail> => ({
  type: surveyEventTypes.reminderDue,
  at: at.toISOString(),
  detail: { invitationId: invitation.ref, closesAt: invitation.expiresAt },
});
