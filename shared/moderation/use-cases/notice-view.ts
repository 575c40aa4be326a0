import { moderationPolicy, noticeOutcome, type NoticePersonalData, type NoticeState } from '#shared/moderation/domain/index.ts';
import type { NoticeView } from '#shared/moderation/http/response-schemas/notices.ts';
import type { Stored } from '#shared/moderation/store/items.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { ERASED } from '#shared/moderation/domain/personal-data.ts';
import { openUnlessErased, sealedAs } from '#shared/moderation/use-cases/personal-data.ts';

/**
 * A notice as its notifier (and moderators) see it: its outcome, the measure and its statement once
 * decided, and, for a decision not to act, the case to quote and the appeal deadline while an
 * appeal can still be filed. The notifier's own explanation only when asked for.
 */
export const noticeView = async (
  { store, cipher }: Pick<ModerationPorts, 'store' | 'cipher'>,
  stored: Stored<NoticeState>,
  withExplanation: boolean,
): Promise<NoticeView> => {
  const notice = stored.state;
  const c = notice.caseId ? await store.cases.get(notice.caseId) : undefined;
  const outcome = noticeOutcome(notice, c);
  const d = c?.decision;
  const decided = outcome !== 'under_review' && outcome !== 'already_actioned' && d;
  const statementId = decided && !d.reversedAt && (d.replacedBy?.statementId ?? d.statementId);
  const notActedOn = decided && d.action === 'no_action' && !d.reversedAt;
  return {
    id: notice.id,
    category: notice.category,
    contentId: notice.contentId,
    contentUrl: notice.contentUrl ?? ERASED,
    receivedAt: notice.receivedAt,
    outcome,
    ...(decided && { decidedAt: d.at, action: d.replacedBy?.action ?? d.action }),
    ...(statementId && { statementId }),
    ...(decided && d.unfoundedNoticeIds.includes(notice.id) && { manifestlyUnfounded: true }),
    ...(notActedOn && { caseId: c!.id }),
    // Only while an appeal can still be filed: not once one is pending or decided.
    ...(notActedOn && c!.status === 'decided' && { appealableUntil: new Date(Date.parse(d.at) + moderationPolicy.appealWindowMs).toISOString() }),
    ...(withExplanation && {
      explanation: (await openUnlessErased<NoticePersonalData & Record<string, unknown>>(cipher, sealedAs.notice, notice.id, stored.personalData))?.explanation ?? ERASED,
    }),
  };
};
