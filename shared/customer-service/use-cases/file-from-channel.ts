import { channelOwnerIdOf } from '#shared/customer-service/use-cases/channel-owner.ts';
import { ComplaintConflictError, type IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';
import { receiptOf, type Receipt } from '#shared/customer-service/domain/decisions.ts';
import type { ChannelComplaintRequest } from '#shared/customer-service/http/schemas.ts';
import { personalOf, storeFiling } from '#shared/customer-service/use-cases/file-complaint.ts';
import { DuplicateChannelMessageError, type CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { VersionConflictError } from '#shared/errors.ts';
import type { MachineCaller } from '#shared/http/api-handler.ts';

type ChannelFilingPorts = Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'pseudonyms' | 'outbox' | 'clock' | 'decisions' | 'policy'>;

export const channelMessageTaken = () =>
  new ComplaintConflictError('channel-message-taken', 'This channel message id was already taken in as something else.');

/** The complaint an earlier filing of the same channel message made, if any. */
const earlierFiling = async (ports: ChannelFilingPorts, channel: IntegrationChannel, messageId: string) => {
  const taken = await ports.complaints.channelMessage(channel, messageId);
  if (taken?.messageId) throw channelMessageTaken();
  const stored = taken ? await ports.complaints.get(taken.complaintId) : undefined;
  return stored ? { receipt: receiptOf(stored.state, ports.policy), duplicate: true } : undefined;
};

/** A concurrent filing of the same message won; its receipt, once it is visible. */
const winnerOf = async (ports: ChannelFilingPorts, channel: IntegrationChannel, messageId: string) => {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const winner = await earlierFiling(ports, channel, messageId);
    if (winner) return winner;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new VersionConflictError('The same channel message is being filed; retry');
};

/**
 * An integration files for someone identified on its channel. The person's reference is turned
 * into a keyed pseudonym (the owner id) and otherwise kept only encrypted; the channel's message
 * id makes a repeat return the first complaint instead of a second one.
 */
export const fileFromChannel = async (
  ports: ChannelFilingPorts,
  caller: MachineCaller,
  channel: IntegrationChannel,
  input: ChannelComplaintRequest,
): Promise<{ receipt: Receipt; duplicate: boolean }> => {
  const earlier = await earlierFiling(ports, channel, input.messageId);
  if (earlier) return earlier;
  const ownerId = await channelOwnerIdOf(ports.pseudonyms, channel, input.externalRef);
  try {
    const receipt = await storeFiling(
      ports,
      { ownerId, origin: 'integration', channel, category: input.category, actor: { kind: 'integration', id: caller.sub } },
      personalOf(input, input.externalRef),
      { channelMessage: { channel, messageId: input.messageId } },
    );
    return { receipt, duplicate: false };
  } catch (error) {
    if (!(error instanceof DuplicateChannelMessageError)) throw error;
    return winnerOf(ports, channel, input.messageId);
  }
};
