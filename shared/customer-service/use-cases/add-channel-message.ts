import type { IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';
import type { ChannelMessageRequest } from '#shared/customer-service/http/schemas.ts';
import type { MessageView } from '#shared/customer-service/http/response-schemas.ts';
import { changeStored } from '#shared/customer-service/use-cases/change-complaint.ts';
import { channelComplaint } from '#shared/customer-service/use-cases/channel-complaint.ts';
import { channelMessageTaken } from '#shared/customer-service/use-cases/file-from-channel.ts';
import { DuplicateChannelMessageError, type CustomerServicePorts, type StoredComplaint } from '#shared/customer-service/use-cases/ports.ts';
import { messageView, openMessage } from '#shared/customer-service/use-cases/views.ts';
import { newId } from '#shared/ids.ts';

type ChannelMessagePorts = Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'outbox' | 'clock' | 'decisions'>;

/** The answer an earlier delivery of the same channel message added, if any. */
const earlierAnswer = async (ports: ChannelMessagePorts, channel: IntegrationChannel, id: string, messageId: string) => {
  const taken = await ports.complaints.channelMessage(channel, messageId);
  if (!taken) return undefined;
  if (taken.complaintId !== id || !taken.messageId) throw channelMessageTaken();
  const stored = await ports.complaints.getMessage(id, taken.at, taken.messageId);
  if (!stored) throw new Error(`Channel message ${channel}/${messageId} points at a missing message`);
  return { message: await openMessage(ports, stored, false), duplicate: true };
};

/**
 * The person's answer, received on the channel: it counts as the person's own message (the
 * complaint stops waiting on them; a resolved one reopens within the reopen window). The
 * channel's message id makes a repeat return the first.
 */
export const addChannelMessage = async (
  ports: ChannelMessagePorts,
  channel: IntegrationChannel,
  id: string,
  input: ChannelMessageRequest,
): Promise<{ message: MessageView; duplicate: boolean }> => {
  // Read once up front (404 before anything else); the first attempt uses it, a retry reads again.
  let firstRead: StoredComplaint | undefined = await channelComplaint(ports, channel, id);
  const repeat = await earlierAnswer(ports, channel, id, input.messageId);
  if (repeat) return repeat;
  const messageId = newId('msg', ports.clock.now());
  const read = async () => {
    const stored = firstRead ?? (await channelComplaint(ports, channel, id));
    firstRead = undefined;
    return stored;
  };
  try {
    const { decision } = await changeStored(
      ports,
      read,
      (state, now) =>
        ports.decisions.addChannelAnswer(state, { kind: 'user', id: state.ownerId }, { id: messageId, visibility: 'public', body: input.body }, now),
      { channel, messageId: input.messageId },
    );
    return { message: messageView(decision.message!, decision.message!.body, false), duplicate: false };
  } catch (error) {
    if (!(error instanceof DuplicateChannelMessageError)) throw error;
    const first = await earlierAnswer(ports, channel, id, input.messageId);
    if (!first) throw error;
    return first;
  }
};
