import type { Caller } from '#shared/auth/caller.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { problems } from '#shared/http/problem.ts';
import { firstReadCounters, hasStarted, reaches } from '#shared/security/domain/education.ts';
import { personAudienceOf, type EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';

interface ReadReceipt {
  id: string;
  deliveredAt: string;
  readAt: string;
}

/**
 * A person marks a campaign read: one that has started and is meant for their audience (any other
 * is a 404, as if it did not exist). The first read is recorded with its counters (read; read
 * within the window of their delivery; delivered too when they had not been shown it); a second
 * read changes nothing and answers the same. A request of theirs that records a delivery or a
 * read at the same moment makes this one read the receipt again.
 */
export const markCampaignRead = async (ports: Pick<EducationApiPorts, 'education' | 'clock'>, caller: Caller, campaignId: string): Promise<ReadReceipt> => {
  const now = ports.clock.now();
  const campaign = await ports.education.getCampaign(campaignId);
  if (!campaign || !hasStarted(campaign, now) || !reaches(campaign.audience, personAudienceOf(caller))) throw problems.notFound('No such campaign.');
  for (let attempt = 1; ; attempt += 1) {
    const receipt = await ports.education.receiptOf(campaignId, caller.sub);
    if (receipt?.readAt) return { id: campaignId, deliveredAt: receipt.deliveredAt, readAt: receipt.readAt };
    const readAt = now.toISOString();
    const read = { deliveredAt: receipt?.deliveredAt ?? readAt, readAt };
    try {
      await ports.education.recordRead(campaignId, caller.sub, read, firstReadCounters(receipt, readAt));
      return { id: campaignId, ...read };
    } catch (error) {
      if (!(error instanceof ConditionFailedError) || attempt >= 3) throw error;
    }
  }
};
