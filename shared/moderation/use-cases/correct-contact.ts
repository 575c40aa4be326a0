import { noticeOutcome, type NoticePersonalData } from '#shared/moderation/domain/index.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { accountOf } from '#shared/moderation/use-cases/personal-data-erasure.ts';
import { openUnlessErased, sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { retrying } from '#shared/moderation/use-cases/retrying.ts';
import type { ContactCorrection, DataSubject } from '#shared/personal-data/holder.ts';

type Ports = Pick<ModerationPorts, 'store' | 'cipher'>;

/** The corrected details replace those the notice holds (a notice without a name gets none). */
const corrected = (personal: NoticePersonalData, correction: ContactCorrection): NoticePersonalData => ({
  ...personal,
  ...(personal.contactEmail !== undefined && correction.email && { contactEmail: correction.email }),
  ...(personal.notifierName !== undefined && correction.name && { notifierName: correction.name }),
});

/** One notice, if still under review, re-sealed with the correction; false when it is decided, erased, or already says so. */
const correctNotice = ({ store, cipher }: Ports, noticeId: string, correction: ContactCorrection): Promise<boolean> =>
  retrying(async () => {
    const stored = await store.notices.get(noticeId);
    if (!stored || stored.state.erasedAt) return false;
    const c = stored.state.caseId ? await store.cases.get(stored.state.caseId) : undefined;
    if (noticeOutcome(stored.state, c) !== 'under_review') return false;
    const personal = await openUnlessErased<NoticePersonalData & Record<string, unknown>>(cipher, sealedAs.notice, noticeId, stored.personalData);
    if (!personal) return false;
    const next = corrected(personal, correction);
    if (next.contactEmail === personal.contactEmail && next.notifierName === personal.notifierName) return false;
    await store.personalData.reseal(keys.notice(noticeId), stored.state.version, await cipher.seal(sealedAs.notice, noticeId, { ...next }));
    return true;
  });

/**
 * A person corrects the contact details (email, name) on their notices still under review; the
 * number of notices changed. Decided notices keep what they were decided with.
 */
export const correctContact = async (ports: Ports, subject: DataSubject, correction: ContactCorrection): Promise<number> => {
  const accountId = accountOf(subject);
  if (!accountId || (!correction.email && !correction.name)) return 0;
  const notices = await ports.store.notices.allOfReporter(`user:${accountId}`);
  let changed = 0;
  for (const { state } of notices) if (await correctNotice(ports, state.id, correction)) changed += 1;
  return changed;
};
