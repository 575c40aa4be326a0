import { mailboxOf, moderationPolicy } from '#shared/moderation/domain/index.ts';
import type { AnonymousNoticeRequest } from '#shared/moderation/http/schemas/notices.ts';
import { addressKeyOf } from '#shared/moderation/use-cases/anonymous-notice.ts';
import { enqueueNotice } from '#shared/moderation/use-cases/enqueue-notice.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** The reporter key of a notifier without an account: their source address's pseudonym, never the unverified email. */
const anonymousReporterKey = (addressKey: string) => `anon:${addressKey}`;

/**
 * A person without an account files a notice, leaving a contact email. Nobody verified that
 * email, so nothing that can shut someone out keys on it alone: a stranger could give a victim's
 * address. The notifier is known by their source address (pseudonymised; an IPv6 client by its
 * /64), which the misuse policy (Art. 23) and the duplicate check count against; the limits are
 * per source address and per contact mailbox from that address (`ada+1@x` counts as `ada@x`; the
 * email itself is kept as given, sealed with the notice). Then it is stored and queued like any
 * notice.
 */
export const fileAnonymousNotice = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'outbox' | 'queues' | 'clock' | 'logger'>,
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
  await ports.store.rateLimits.take(`anon-mailbox:${emailKey}:${addressKey}`, anonymousEmail.limit, anonymousEmail.windowMs, now);
  return enqueueNotice(ports, { key: anonymousReporterKey(addressKey), kind: 'anonymous' }, input, {
    explanation: input.explanation,
    contactEmail: input.contactEmail,
    ...(input.notifierName && { notifierName: input.notifierName }),
  });
};
