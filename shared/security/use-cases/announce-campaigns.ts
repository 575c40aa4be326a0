import type { Clock } from '#shared/clock.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';
import { ConditionFailedError } from '#shared/aws/table.ts';
import { educationCadence, hasStarted, type AudienceSize, type Campaign, type EducationAudience } from '#shared/security/domain/education.ts';
import { EDUCATION_CAMPAIGN_STARTED_EVENT, type EducationCampaignStartedDetail } from '#shared/security/index.ts';
import type { EducationStore } from '#shared/security/store/education-store.ts';

export interface EducationJobPorts {
  education: EducationStore;
  events: EventPublisher;
  /** How many people a campaign for this audience is for, measured when it starts. */
  audienceSize: (audience: EducationAudience, at: Date) => Promise<AudienceSize>;
  clock?: Clock;
}

const startedEvent = (campaign: Campaign) => {
  const detail: EducationCampaignStartedDetail = {
    campaignId: campaign.id,
    audience: campaign.audience,
    startsAt: campaign.startsAt,
    endsAt: campaign.endsAt,
  };
  return { type: EDUCATION_CAMPAIGN_STARTED_EVENT, at: campaign.startsAt, detail: { ...detail } };
};

/**
 * Announces one campaign: marks it announced with its audience's size (on the version read, so a
 * concurrent run announces it once), then publishes its start. If the bus refuses, the mark is
 * taken back and the error thrown, so the job's retry (or the next day's run) announces it.
 */
const announce = async (ports: EducationJobPorts, id: string, now: Date): Promise<boolean> => {
  const campaign = await ports.education.getCampaign(id, { consistent: true });
  if (!campaign || campaign.announcedAt) return false;
  const announced: Campaign = {
    ...campaign,
    announcedAt: now.toISOString(),
    audienceSize: await ports.audienceSize(campaign.audience, now),
    version: campaign.version + 1,
  };
  try {
    await ports.education.saveCampaign(announced, campaign);
  } catch (error) {
    if (error instanceof ConditionFailedError) return false;
    throw error;
  }
  try {
    await ports.events.publish([startedEvent(announced)]);
  } catch (error) {
    const { announcedAt: _announcedAt, audienceSize: _size, ...unannounced } = announced;
    await ports.education.saveCampaign({ ...unannounced, version: announced.version + 1 }, announced);
    throw error;
  }
  return true;
};

/**
 * The daily education job: every campaign whose start has passed and that is still running is
 * announced once (its audience hears of it through the notifications context), and the cadence is
 * measured: days since the last campaign started, and whether the quarter is overdue.
 */
export const runEducationJob = async (ports: EducationJobPorts, now: Date) => {
  const due = (await ports.education.endingAfter(now)).filter((entry) => hasStarted(entry, now) && !entry.announcedAt);
  const announced: string[] = [];
  for (const entry of due) if (await announce(ports, entry.id, now)) announced.push(entry.id);
  const cadence = educationCadence(await ports.education.allEntries(), now);
  return { announced, ...cadence };
};
