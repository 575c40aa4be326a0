import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { EventPublisher } from '#shared/events/publisher.ts';
import { problems } from '#shared/http/problem.ts';
import type { CursorSeal } from '#shared/pagination.ts';
import type { Finding } from '#shared/security/domain/findings.ts';
import { isOverdue } from '#shared/security/domain/findings.ts';
import { securityStaffRoles } from '#shared/security/manifest.ts';
import type { SecurityStore } from '#shared/security/store/security-store.ts';

/** What the security API's use cases need. */
export interface SecurityApiPorts {
  store: SecurityStore;
  clock: Clock;
  cursors: CursorSeal;
  events: EventPublisher;
}

/** Only security staff reach the security routes; everyone else is refused before anything is read. */
export const requireSecurityStaff = (caller: Caller): void => {
  if (!hasRole(caller, ...securityStaffRoles)) throw problems.forbidden('Only security staff may use the security programme’s routes.');
};

/** A finding as security staff see it: with whether it is overdue now. */
export const findingView = ({ version: _version, ...finding }: Finding, now: Date) => ({ ...finding, overdue: isOverdue(finding, now) });
export type FindingView = ReturnType<typeof findingView>;
