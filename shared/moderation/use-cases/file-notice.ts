import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { moderationPolicy, type ReporterKind } from '#shared/moderation/domain/index.ts';
import type { CreateNoticeRequest } from '#shared/moderation/http/schemas/notices.ts';
import { requireNotOwnContent } from '#shared/moderation/domain/separation-of-duties.ts';
import { contentFacts } from '#shared/moderation/use-cases/content-facts.ts';
import { enqueueNotice } from '#shared/moderation/use-cases/enqueue-notice.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * DSA Art. 16: a person with an account files a notice on content. Trusted flaggers are counted
 * as such (their notices weigh more in triage); nobody reports their own content (as far as a
 * review before publication tells its author); each reporter is limited per window, then the
 * notice is stored and queued for triage, and the receipt answered at once.
 */
export const fileNotice = async (ports: Pick<ModerationPorts, 'store' | 'cipher' | 'outbox' | 'queues' | 'clock' | 'logger'>, caller: Caller, input: CreateNoticeRequest) => {
  requireNotOwnContent(caller.sub, await contentFacts(ports, input.contentId));
  const kind: ReporterKind = hasRole(caller, 'trusted_flagger') ? 'trusted_flagger' : 'user';
  const key = `user:${caller.sub}`;
  const { limit, windowMs } = moderationPolicy.rateLimits[kind];
  await ports.store.rateLimits.take(key, limit, windowMs, ports.clock.now());
  return enqueueNotice(ports, { key, kind, accountId: caller.sub }, input, {
    explanation: input.explanation,
    ...(input.notifierName && { notifierName: input.notifierName }),
  });
};
