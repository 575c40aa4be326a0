import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { NoticePersonalData } from '#shared/moderation/domain/index.ts';
import { caseView } from '#shared/moderation/use-cases/case-view.ts';
import { ERASED } from '#shared/moderation/domain/personal-data.ts';
import { openUnlessErased, sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { caseOpened, moderatorRead } from '#shared/moderation/use-cases/staff-reads.ts';

/**
 * Moderators: a case with each of its notices and the notifier's explanation, opened with the data
 * key once the read is recorded in the access log (with the reason the moderator gave).
 */
export const getCase = async (
  { store, cipher, accessLog }: Pick<ModerationPorts, 'store' | 'cipher' | 'accessLog'>,
  caller: Caller,
  id: string,
  accessReason: string | undefined,
) => {
  requireModerator(caller);
  const c = await store.cases.get(id);
  if (!c) throw new NotFoundError(`No case ${id}`);
  const links = await store.cases.notices(id);
  await accessLog.record(moderatorRead(caller, accessReason, caseOpened(caller, c, links)));
  const notices = await Promise.all(
    links.map(async (link) => {
      const stored = await store.notices.get(link.noticeId);
      const personal = await openUnlessErased<NoticePersonalData & Record<string, unknown>>(cipher, sealedAs.notice, link.noticeId, stored?.personalData);
      const explanation = personal?.explanation ?? (stored?.state.erasedAt ? ERASED : '');
      return { noticeId: link.noticeId, source: link.reporterKind, receivedAt: link.receivedAt, duplicate: link.duplicate, explanation };
    }),
  );
  return { ...caseView(c), notices };
};
