import type { Caller } from '#shared/auth/caller.ts';
import { retentionPolicy } from '#shared/personal-data/retention.ts';
import { requestFigures } from '#shared/privacy/domain/figures.ts';
import type { RequestTimings } from '#shared/privacy/domain/request.ts';
import type { PrivacyPorts } from '#shared/privacy/use-cases/ports.ts';
import { requirePrivacyStaff } from '#shared/privacy/use-cases/staff.ts';

/** How erasure reaches the tables' point-in-time backups (DynamoDB keeps 35 days of item versions). */
const BACKUP_ERASURE =
  'Erasure removes personal fields from every table at once. The tables’ point-in-time recovery keeps earlier item versions for 35 days: erasure is complete in backups when that window has passed, 35 days after it ran. A restore within the window is followed by running again every erasure completed since the restored time.';

/** The retention policy and the erasure timings as the privacy policy publishes them. */
export const publishedRetentionPolicy = (timings: RequestTimings) => ({
  rules: Object.entries(retentionPolicy).map(([name, rule]) => ({ name, ...rule })),
  erasure: { coolingOffHours: timings.coolingOffHours, deadlineDays: timings.deadlineDays, backups: BACKUP_ERASURE },
});

/** The figures of a quarter's requests (checked by the route's query schema), for privacy staff. */
export const privacyFigures = async (ports: PrivacyPorts, caller: Caller, quarter: string) => {
  requirePrivacyStaff(caller);
  return { quarter, ...requestFigures(await ports.store.inQuarter(quarter), ports.clock.now()) };
};
