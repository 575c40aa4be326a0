import { problems } from '#shared/http/problem.ts';
import { CampaignScheduleError, checkSchedule, overlapOf, type CampaignDraft } from '#shared/security/domain/education.ts';
import type { EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';

/**
 * Holds a draft (new, or the change of campaign `except`) to the schedule's rules: a bad period is
 * a 400 naming the field; an overlap with another campaign for an overlapping audience a 409.
 * Two staff scheduling overlapping campaigns in the same instant could both pass: security staff
 * are a handful and the list shows both, so this is left to them rather than locked.
 */
export const checkDraft = async (ports: Pick<EducationApiPorts, 'education'>, draft: CampaignDraft, now: Date, except?: string): Promise<void> => {
  try {
    checkSchedule(draft, now);
  } catch (error) {
    if (error instanceof CampaignScheduleError) throw problems.validation([{ in: 'body', path: error.field, message: error.message }]);
    throw error;
  }
  const overlap = overlapOf(draft, await ports.education.endingAfter(new Date(draft.startsAt)), except);
  if (overlap) {
    throw problems.conflict(
      'education-campaign-overlap',
      `Campaign ${overlap.id} (${overlap.audience}) runs from ${overlap.startsAt} to ${overlap.endsAt}: campaigns for overlapping audiences may not overlap in time.`,
    );
  }
};
