import { mailboxOf, moderationPolicy } from '#shared/moderation/domain/index.ts';
import type { AnonymousNoticeRequest } from '#shared/moderation/http/schemas/notices.ts';
import { addressKeyOf } from '#shared/moderation/use-cases/anonymous-notice.ts';
import { enqueueNotice } from '#shared/moderation/use-cases/enqueue-notice.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * A person without an account files a notice, leaving a contact email. Limited per contact
 * mailbox and per source address, both pseudonymised (`ada+1@x` counts as `ada@x`; the address
 * itself is kept as given, sealed with the notice), then stored and queued like any notice.
 */
export const fileAnonymousNotice = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'queues' | 'clock' | 'logger'>,
  input: AnonymousNoticeRequest,
  sourceAddress: string,
) => {
  const now = ports.clock.now();
  const [emailKey, addressKey] = await Promise.all([
    ports.pseudonyms.pseudonym('notifier-email', mailboxOf(input.contactEmail)),
    addressKeyOf(ports, sourceAddress),
  ]);
  const { anonymousAddress, anonymousEmail } = moderationPolicy.rateLimits;
  await ports.store.rateLimits.take(`addr:${addressKey}`, anonymousAddress.limit, anonymousAddress.windowMs, now);
  await ports.store.rateLimits.take(`anon:${emailKey}`, anonymousEmail.limit, anonymousEmail.windowMs, now);
  return enqueueNotice(ports, { key: `anon:${emailKey}`, kind: 'anonymous' }, input, {
    explanation: input.explanation,
    contactEmail: input.contactEmail,
    ...(input.notifierName && { notifierName: input.notifierName }),
  });
};
