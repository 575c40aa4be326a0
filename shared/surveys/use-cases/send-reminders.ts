import { VersionConflictError } from '#shared/errors.ts';
import { reminderDueEvent, type ReferencedInvitation } from '#shared/surveys/domain/events.ts';
import type { SurveyPolicy } from '#shared/surveys/domain/policy.ts';
import { reminderHorizon, reminderStep } from '#shared/surveys/domain/reminders.ts';
import { commitChange } from '#shared/events/outbox.ts';
import type { InvitationStore, SurveyOutbox } from '#shared/surveys/use-cases/ports.ts';

/**
 * Writes one run makes at most (reminders and lapsed invitations): a month's monthly invitations
 * all close at once, and a run must end well within the job's timeout; what is left waits for the
 * next run, well before the invitations close (the lead is many runs long).
 */
export const REMINDERS_PER_RUN = 200;

export interface ReminderReport {
  /** Invitations reminded in this run, each with its `survey.reminder-due` event. */
  reminded: number;
  /** Invitations that closed unanswered before they could be reminded, taken out of the index. */
  lapsed: number;
  /** Reminders kept out by concurrent writes to their invitation (an answer being saved): left for the next run. */
  deferred: number;
}

export interface SendRemindersDeps {
  invitations: Pick<InvitationStore, 'awaitingReminder' | 'markReminded' | 'dropFromReminders'>;
  outbox: SurveyOutbox;
  policy: Pick<SurveyPolicy, 'reminderLeadMs' | 'reminderMinimumAgeMs'>;
}

/**
 * The one reminder before a survey closes (part of the hourly campaign job): reads the sparse
 * index of invitations that await their reminder, soonest closing first, up to those that close
 * within the policy's lead, and reminds each that is due (domain/reminders.ts). Marking an
 * invitation reminded is a conditional write (still not answered, not reminded) that carries its
 * `survey.reminder-due` event in the same transaction, and takes it out of the index: a second run,
 * or two runs at once, remind nobody twice, and nobody who answered meanwhile. A reminder that
 * concurrent writes kept out stays in the index for the next run; the others go on.
 */
export const sendReminders = async (deps: SendRemindersDeps, now: Date): Promise<ReminderReport> => {
  const report: ReminderReport = { reminded: 0, lapsed: 0, deferred: 0 };
  for await (const invitation of deps.invitations.awaitingReminder(reminderHorizon(now, deps.policy))) {
    if (report.reminded + report.lapsed + report.deferred >= REMINDERS_PER_RUN) break;
    const step = reminderStep(invitation, now, deps.policy);
    if (step === 'lapsed') {
      await deps.invitations.dropFromReminders(invitation);
      report.lapsed += 1;
    } else if (step === 'remind' && invitation.ref) {
      const outcome = await remind(deps, { ...invitation, ref: invitation.ref }, now);
      if (outcome !== 'not-due') report[outcome] += 1;
    }
  }
  return report;
};

/** Marks one invitation reminded with its event: unless it was answered or reminded meanwhile, or concurrent writes kept it out. */
const remind = async (deps: SendRemindersDeps, invitation: ReferencedInvitation, now: Date): Promise<'reminded' | 'deferred' | 'not-due'> => {
  const change = { events: [reminderDueEvent(invitation, now)], at: now, changeId: `${invitation.ref}:reminder` };
  try {
    const reminded = await commitChange(deps.outbox, change, (outboxItems) => deps.invitations.markReminded(invitation, now, outboxItems));
    return reminded ? 'reminded' : 'not-due';
  } catch (error) {
    if (error instanceof VersionConflictError) return 'deferred';
    throw error;
  }
};
