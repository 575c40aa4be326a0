import type { IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';
import type { CustomerServicePorts, StoredComplaint } from '#shared/customer-service/use-cases/ports.ts';
import { NotFoundError } from '#shared/errors.ts';

/**
 * A complaint an integration filed on this channel, which it may follow for the person it filed
 * for. Any other complaint does not exist for it (404), not even that it exists. (The route has
 * checked that the client holds the channel's scope.)
 */
export const channelComplaint = async (
  { complaints }: Pick<CustomerServicePorts, 'complaints'>,
  channel: IntegrationChannel,
  id: string,
): Promise<StoredComplaint> => {
  const stored = await complaints.get(id);
  if (!stored || stored.state.origin !== 'integration' || stored.state.channel !== channel) throw new NotFoundError(`No complaint ${id}`);
  return stored;
};
