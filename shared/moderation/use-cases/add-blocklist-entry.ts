import type { Caller } from '#shared/auth/caller.ts';
import { newId } from '#shared/ids.ts';
import { ModerationConflictError } from '#shared/moderation/domain/index.ts';
import type { BlocklistKind } from '#shared/moderation/domain/screening.ts';
import { blocklistValueKey } from '#shared/moderation/use-cases/blocklist-value-keys.ts';
import { DuplicateError } from '#shared/moderation/use-cases/errors.ts';
import { sealedAs } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';

/**
 * Moderators: block a media hash, URL or domain, phone number or payment account. The list is
 * looked up by the value's key; the value as given and the reason are sealed. A value not of the
 * list's kind, or on the list already, is refused (409).
 */
export const addBlocklistEntry = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'clock'>,
  caller: Caller,
  kind: BlocklistKind,
  input: { value: string; reason: string },
) => {
  requireModerator(caller);
  const valueKey = await blocklistValueKey(ports, kind, input.value);
  if (!valueKey) throw new ModerationConflictError('invalid-value', `Not a valid ${kind}`);
  const now = ports.clock.now();
  const entry = { id: newId('blk', now), addedBy: caller.sub, addedAt: now.toISOString() };
  const sealed = await ports.cipher.seal(sealedAs.blocklistValue, entry.id, { value: input.value, reason: input.reason });
  try {
    await ports.store.blocklists.add(kind, valueKey, entry, sealed);
  } catch (error) {
    if (error instanceof DuplicateError) throw new ModerationConflictError('already-blocklisted', error.message);
    throw error;
  }
  return { ...entry, kind, value: input.value, reason: input.reason };
};
