import { periodOf } from '#shared/figures/periods.ts';
import { educationFiguresOfQuarter, type EducationQuarterFigures } from '#shared/security/domain/education.ts';
import type { EducationStore } from '#shared/security/store/education-store.ts';

/**
 * The education figures of a quarter (`2031-Q1`) for the transparency report: the campaigns that
 * started in it, each with its reach, from the stored campaigns and their counters (a few reads per
 * campaign, whatever the number of people). The computation is `educationFiguresOfQuarter`.
 */
export const readEducationFigures = async (education: EducationStore, quarter: string): Promise<EducationQuarterFigures> => {
  const entries = (await education.allEntries()).filter((entry) => periodOf(new Date(entry.startsAt), 'quarter') === quarter);
  const campaigns = await Promise.all(
    entries.map(async (entry) => ({ campaign: (await education.getCampaign(entry.id)) ?? entry, counters: await education.reachOf(entry.id) })),
  );
  return educationFiguresOfQuarter(quarter, campaigns);
};
