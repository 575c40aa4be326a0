import type { Caller } from '#shared/auth/caller.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { currentFor, type EducationLocale } from '#shared/security/domain/education.ts';
import { personAudienceOf, type EducationApiPorts } from '#shared/security/use-cases/education-ports.ts';

export interface CurrentCampaign {
  id: string;
  locale: EducationLocale;
  title: string;
  content: string;
  startsAt: string;
  endsAt: string;
  deliveredAt: string;
  readAt: string | null;
}

/**
 * The campaign running now for the caller's audience (staff or people), in their locale; null
 * when none runs. The first time a person is shown a campaign counts them delivered (once: the
 * receipt is written with the count, on the condition that none exists).
 */
export const currentCampaign = async (
  ports: Pick<EducationApiPorts, 'education' | 'clock'>,
  caller: Caller,
  locale: EducationLocale,
): Promise<CurrentCampaign | null> => {
  const now = ports.clock.now();
  const entry = currentFor(personAudienceOf(caller), await ports.education.endingAfter(now), now);
  const campaign = entry && (await ports.education.getCampaign(entry.id));
  if (!campaign) return null;
  let receipt = await ports.education.receiptOf(campaign.id, caller.sub);
  if (!receipt) {
    const deliveredAt = now.toISOString();
    try {
      await ports.education.recordDelivery(campaign.id, caller.sub, deliveredAt);
      receipt = { deliveredAt };
    } catch (error) {
      // Delivered by a request of theirs at the same moment: that one counted it.
      if (!(error instanceof ConditionFailedError)) throw error;
      receipt = (await ports.education.receiptOf(campaign.id, caller.sub)) ?? { deliveredAt };
    }
  }
  const { id, title, content, startsAt, endsAt } = campaign;
  return { id, locale, title: title[locale], content: content[locale], startsAt, endsAt, deliveredAt: receipt.deliveredAt, readAt: receipt.readAt ?? null };
};
