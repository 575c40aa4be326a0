import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { poolOfRole } from '#shared/manifest/platform.ts';
import type { CursorSeal } from '#shared/pagination.ts';
import { hasStarted, isRunning, type Campaign, type PersonAudience } from '#shared/security/domain/education.ts';
import type { EducationStore, ScheduleEntry } from '#shared/security/store/education-store.ts';

/** What the education routes need. */
export interface EducationApiPorts {
  education: EducationStore;
  clock: Clock;
  cursors: CursorSeal;
}

/** Staff (a staff-pool account: any staff role, or none) see staff campaigns; everyone else the people's. */
export const personAudienceOf = (caller: Caller): PersonAudience =>
  caller.roles.length === 0 || caller.roles.some((role) => poolOfRole(role) === 'staff') ? 'staff' : 'people';

const statusOf = (campaign: Pick<Campaign, 'startsAt' | 'endsAt'>, now: Date) =>
  isRunning(campaign, now) ? 'running' : hasStarted(campaign, now) ? 'ended' : 'scheduled';

/** A campaign as security staff read it: everything but the version, with where it stands now. */
export const campaignView = ({ version: _version, ...campaign }: Campaign, now: Date) => ({ ...campaign, status: statusOf(campaign, now) });
export type CampaignView = ReturnType<typeof campaignView>;

/** A schedule entry as the list shows it. */
export const entryView = (entry: ScheduleEntry, now: Date) => ({ ...entry, status: statusOf(entry, now) });
