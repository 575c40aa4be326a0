import { NotFoundError } from '#shared/errors.ts';
import { followUpTokenMatches, moderationPolicy } from '#shared/moderation/domain/index.ts';
import { limitedAddressOf } from '#shared/moderation/domain/source-address.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** Limits per source address count an IPv6 client by its /64. */
export const addressKeyOf = ({ pseudonyms }: Pick<ModerationPorts, 'pseudonyms'>, sourceAddress: string) =>
  pseudonyms.pseudonym('notifier-address', limitedAddressOf(sourceAddress));

/**
 * The anonymous notice the follow-up token opens, or NotFoundError: an unknown id, a notice filed
 * from an account and a wrong or missing token all get the same answer. Each try counts against
 * the source address's limit, so tokens cannot be tried cheaply.
 */
export const anonymousNotice = async (
  ports: Pick<ModerationPorts, 'store' | 'pseudonyms' | 'clock'>,
  noticeId: string,
  token: string | undefined,
  sourceAddress: string,
) => {
  const addressKey = await addressKeyOf(ports, sourceAddress);
  const { limit, windowMs } = moderationPolicy.rateLimits.anonymousAddress;
  await ports.store.rateLimits.take(`addr-follow-up:${addressKey}`, limit, windowMs, ports.clock.now());
  // The token is derived whether or not the notice exists: every refusal costs the same.
  const [stored, tokenMatches] = await Promise.all([ports.store.notices.get(noticeId), followUpTokenMatches(ports.pseudonyms, noticeId, token)]);
  if (!stored || stored.state.reporterKind !== 'anonymous' || !tokenMatches) throw new NotFoundError(`No notice ${noticeId} for this follow-up token`);
  return stored;
};
