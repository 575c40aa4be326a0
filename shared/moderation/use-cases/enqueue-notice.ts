import { newId } from '#shared/ids.ts';
import { isSuspended, noticeReceived, targetKeyOf, type NoticePersonalData, type NoticeState, type ReporterKind } from '#shared/moderation/domain/index.ts';
import type { CreateNoticeRequest } from '#shared/moderation/http/schemas/notices.ts';
import { NoticeFilingSuspendedError, QueueUnavailableError } from '#shared/moderation/use-cases/errors.ts';
import { sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

interface Notifier {
  /** The reporter's key: `user:<account>` or `anon:<source address pseudonym>`. */
  key: string;
  kind: ReporterKind;
  accountId?: string;
}

/**
 * Stores a received notice with its personal data sealed, and queues it for triage; a reporter
 * suspended for misuse files nothing. Its `moderation.notice-received` event is written with it
 * and published once the queue took the message (DSA Art. 16(4)). If the queue does not take it,
 * the notice and its event are removed again, so that no notice waits without its message and no
 * receipt is sent for a notice that was not kept.
 */
export const enqueueNotice = async (
  { store, cipher, outbox, queues, clock, logger }: Pick<ModerationPorts, 'store' | 'cipher' | 'outbox' | 'queues' | 'clock' | 'logger'>,
  notifier: Notifier,
  input: CreateNoticeRequest,
  personal: NoticePersonalData,
) => {
  const now = clock.now();
  const profile = await store.reporters.get(notifier.key);
  if (isSuspended(profile, now)) throw new NoticeFilingSuspendedError(profile!.suspendedUntil!);
  const notice: NoticeState = {
    id: newId('ntc', now),
    reporterKey: notifier.key,
    reporterKind: notifier.kind,
    ...(notifier.accountId && { accountId: notifier.accountId }),
    category: input.category,
    contentId: input.contentId,
    contentUrl: input.contentUrl,
    targetKey: targetKeyOf(input.contentId),
    financialHarm: input.financialHarm === true,
    receivedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 1,
    status: 'received',
  };
  const staged = outbox.stageHeld([noticeReceived(notice)], now, notice.id);
  await store.notices.create(notice, await cipher.seal(sealedAs.notice, notice.id, { ...personal }), staged.items);
  try {
    // The message names the notice only: the queue never carries personal data.
    await queues.send('reports', { noticeId: notice.id });
  } catch (error) {
    await store.notices.remove(notice.id, staged.key).catch(() => undefined);
    logger.warn('Notice not queued', { errorName: (error as Error).name });
    throw new QueueUnavailableError('The notice could not be queued; nothing was stored. Retry.');
  }
  await outbox.release(staged);
  return { id: notice.id, status: 'received' as const, receivedAt: notice.receivedAt, category: notice.category, contentId: notice.contentId };
};
