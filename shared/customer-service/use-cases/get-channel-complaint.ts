import type { IntegrationChannel } from '#shared/customer-service/domain/complaint.ts';
import type { ComplaintView } from '#shared/customer-service/http/response-schemas.ts';
import { channelComplaint } from '#shared/customer-service/use-cases/channel-complaint.ts';
import type { CustomerServicePorts } from '#shared/customer-service/use-cases/ports.ts';
import { openPersonal, viewOf } from '#shared/customer-service/use-cases/views.ts';

/**
 * The complaint as its person sees it, plus the reference the integration filed it under, so
 * that the integration can answer the right person on its channel.
 */
export const getChannelComplaint = async (
  ports: Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'clock' | 'policy'>,
  channel: IntegrationChannel,
  id: string,
): Promise<ComplaintView> => {
  const stored = await channelComplaint(ports, channel, id);
  const personal = await openPersonal(ports, stored);
  return { ...viewOf(ports, stored.state, personal, false), ...(personal.externalRef && { externalRef: personal.externalRef }) };
};
