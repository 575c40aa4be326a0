import { anonymousAppellantOf, followUpTokenOf } from '#shared/moderation/domain/index.ts';
import { anonymousNotice } from '#shared/moderation/use-cases/anonymous-notice.ts';
import { appealView } from '#shared/moderation/use-cases/appeal-view.ts';
import { noticeView } from '#shared/moderation/use-cases/notice-view.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * DSA Art. 16(5), 20: a notifier without an account follows their notice, its outcome and the
 * appeal filed with its token (not any other appeal from the same contact email). The reasoned
 * reply is shown; the notifier's own appeal text is not sent back to a bearer token.
 */
export const followAnonymousNotice = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'clock'>,
  noticeId: string,
  token: string | undefined,
  sourceAddress: string,
) => {
  const stored = await anonymousNotice(ports, noticeId, token, sourceAddress);
  const view = await noticeView(ports, stored, false);
  const caseId = stored.state.caseId;
  const pointer = caseId ? (await ports.store.appeals.pointers(caseId, anonymousAppellantOf(noticeId))).at(-1) : undefined;
  const appeal = pointer ? await ports.store.appeals.get(pointer.appealId) : undefined;
  if (!appeal) return view;
  const { explanation: _text, ...shown } = await appealView(ports, appeal);
  return { ...view, appeal: shown };
};

/**
 * The receipt of an anonymous notice with its follow-up token, derived from the notice id: a
 * repeat answered from the idempotency record (which holds the receipt, never the token) gets
 * the token the first answer gave.
 */
export const withFollowUpToken = async <R extends { id: string }>(
  { pseudonyms }: Pick<ModerationPorts, 'pseudonyms'>,
  receipt: R,
): Promise<R & { followUpToken: string }> => ({ ...receipt, followUpToken: await followUpTokenOf(pseudonyms, receipt.id) });
