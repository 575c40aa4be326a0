import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import type { IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';

/**
 * The owner id of what an integration channel files for a person who has no account: the keyed
 * pseudonym of their reference on the channel (a handle, an address, a number), so that their
 * complaints stay together without the reference being stored in clear, and so that the channel
 * can later name them again (to ask for their erasure) by the same reference.
 */
export const channelOwnerIdOf = async (pseudonyms: Pseudonymizer, channel: IntegrationChannel, reference: string): Promise<string> =>
  `ext:${channel}:${await pseudonyms.pseudonym(`complaint-owner:${channel}`, reference)}`;
