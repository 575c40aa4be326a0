import { dueDayOf, retentionEndOf, retentionPolicy } from '#shared/personal-data/retention.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import { addMonths, monthOf, monthStart } from '#shared/surveys/domain/months.ts';

/**
 * The retention of free-text answers: their clock starts on the first day of the month after the
 * answer's (the last answer's, when it was edited), and the text goes a month later, once that
 * month's results are reported. The scores stay, as counted.
 */
export const freeTextRetentionDayOf = (invitation: Pick<Invitation, 'respondedAt' | 'revisedAt'>): string | undefined => {
  const answeredAt = invitation.revisedAt ?? invitation.respondedAt;
  if (!answeredAt) return undefined;
  const clockStart = monthStart(addMonths(monthOf(new Date(answeredAt)), 1));
  return dueDayOf(retentionEndOf(retentionPolicy.surveyFreeText, clockStart));
};
