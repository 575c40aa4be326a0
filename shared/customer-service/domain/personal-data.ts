import { dueDayOf, retentionEndOf, retentionPolicy } from '#shared/personal-data/retention.ts';
import { activeStatuses, type Actor, type Change, type ComplaintState } from '#shared/customer-service/domain/complaint.ts';
import { entry, iso, noChange, touch } from '#shared/customer-service/domain/change.ts';
import { close } from '#shared/customer-service/domain/lifecycle.ts';

/**
 * A person's rights over a complaint's personal data, pure: when retention removes it, what
 * erasing it does to the complaint, and the history line of a corrected contact.
 */

/** What a reader is shown in place of a personal field or a message body that was erased. */
export const ERASED_TEXT = '[erased]';

/** The party that erases: the person's request, carried out by the privacy context, or the retention job. */
const erasureActor: Actor = { kind: 'system', id: 'personal-data' };

/**
 * The UTC day on which retention removes the complaint's personal fields: 24 months after it was
 * first resolved (or closed, when it was withdrawn unresolved). None while it is still worked on
 * (a reopened complaint's clock starts again at its next resolution), nor once erased.
 */
export const retentionDayOf = (state: ComplaintState): string | undefined => {
  if (state.erasedAt || (state.status !== 'resolved' && state.status !== 'closed')) return undefined;
  const clockStart = state.resolvedAt ?? state.closedAt;
  return clockStart ? dueDayOf(retentionEndOf(retentionPolicy.closedComplaints, new Date(clockStart))) : undefined;
};

/**
 * Erasing a complaint's personal data. The state, times, SLA and counters stay, so the figures and
 * the history hold. A complaint still being worked on is closed (reason `erased`): with no
 * subject, text or contact left it cannot be worked or answered, and the person asked to be
 * forgotten. That closing counts as any closing does (`closed`, `closed#erased`) and moves the
 * backlog, but raises no event: nobody is to be told about it, least of all through contact
 * details being erased. A resolved or closed complaint keeps its status, so its figures do not
 * move at all (a resolved one is closed by the sweep after its reopen window, as any other).
 */
export const eraseComplaint = (state: ComplaintState, now: Date): Change => {
  const closing = activeStatuses.includes(state.status) ? close(state, erasureActor, now, 'erased') : noChange(state, now);
  return {
    ...closing,
    state: { ...closing.state, erasedAt: iso(now) },
    history: [...closing.history, entry(now, erasureActor, 'erased', 'public')],
    events: [],
  };
};

/** The person's corrected contact details replace the old ones (the new ones are sealed with the rest). */
export const contactCorrected = (state: ComplaintState, person: Actor, now: Date): Change => ({
  state: touch(state, now, {}),
  history: [entry(now, person, 'contact-corrected', 'public')],
  events: [],
  counters: {},
  backlog: {},
});
