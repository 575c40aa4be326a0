import { userPools } from '#shared/manifest/platform.ts';
import type { AudienceSize, EducationAudience } from '#shared/security/domain/education.ts';

/** The staff groups (one per staff role) whose members make up the staff audience. */
const staffGroups: readonly string[] = userPools.staff.roles;

export interface AudienceSources {
  /** The subjects of a staff group's members (the identity provider's directory). */
  membersOf(group: string): Promise<string[]>;
  /** The month's reported monthly active people (`2031-01`), or undefined when none is reported. */
  monthlyActivePeople?: (month: string) => Promise<number | undefined>;
}

const NOT_REPORTED = 'The platform has not reported its monthly active people for this month.';

/**
 * The size of an audience when a campaign starts: staff, the members of the staff groups (each
 * counted once); people, the month's reported monthly active people, or unknown with the reason;
 * everyone, the two together when both are known.
 */
export const measureAudience = async (sources: AudienceSources, audience: EducationAudience, at: Date): Promise<AudienceSize> => {
  const staff = async (): Promise<AudienceSize> => {
    const members = new Set((await Promise.all(staffGroups.map((group) => sources.membersOf(group)))).flat());
    return { count: members.size, basis: `members of the staff groups (${staffGroups.join(', ')})` };
  };
  const people = async (): Promise<AudienceSize> => {
    const month = at.toISOString().slice(0, 7);
    const reported = sources.monthlyActivePeople ? await sources.monthlyActivePeople(month) : undefined;
    return reported === undefined ? { count: null, reason: NOT_REPORTED } : { count: reported, basis: `monthly active people reported for ${month}` };
  };
  if (audience === 'staff') return staff();
  if (audience === 'people') return people();
  const [ofStaff, ofPeople] = await Promise.all([staff(), people()]);
  if (ofPeople.count === null) return { count: null, reason: NOT_REPORTED };
  return { count: (ofStaff.count ?? 0) + ofPeople.count, basis: `${'basis' in ofStaff ? ofStaff.basis : ''} and ${ofPeople.basis}` };
};
