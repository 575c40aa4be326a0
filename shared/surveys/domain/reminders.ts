import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';

/**
 * The one reminder before a survey closes, pure. An invitation that is not answered is reminded
 * once it closes within `reminderLeadMs`, but not within `reminderMinimumAgeMs` of being made (an
 * invitation made shortly before its close gets no reminder on top of it).
 *
 * - `remind`: send the reminder now;
 * - `wait`: not yet (it closes later than the lead, or it is too recent): a later run decides;
 * - `lapsed`: it closed unanswered and unreminded: nothing to send, ever;
 * - `none`: answered, or reminded already.
 */
export type ReminderStep = 'remind' | 'wait' | 'lapsed' | 'none';

/** Invitations that close before this time are due for their reminder (or lapsed). */
export const reminderHorizon = (now: Date, policy: Pick<SurveyPolicy, 'reminderLeadMs'>): Date => new Date(now.getTime() + policy.reminderLeadMs);

export const reminderStep = (
  invitation: Pick<Invitation, 'status' | 'remindedAt' | 'invitedAt' | 'expiresAt'>,
  now: Date,
  policy: Pick<SurveyPolicy, 'reminderLeadMs' | 'reminderMinimumAgeMs'>,
): ReminderStep => {
  if (invitation.status !== 'invited' || invitation.remindedAt) return 'none';
  const closesAt = Date.parse(invitation.expiresAt);
  if (closesAt <= now.getTime()) return 'lapsed';
  if (closesAt > reminderHorizon(now, policy).getTime()) return 'wait';
  if (now.getTime() - Date.parse(invitation.invitedAt) < policy.reminderMinimumAgeMs) return 'wait';
  return 'remind';
};
