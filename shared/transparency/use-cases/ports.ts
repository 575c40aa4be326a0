import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import { problems } from '#shared/http/problem.ts';
import { commsRoles } from '#shared/transparency/manifest.ts';
import type { PolicyStore } from '#shared/transparency/store/policy-store.ts';

/** What the transparency API's use cases need. */
export interface TransparencyApiPorts {
  store: PolicyStore;
  figures: Pick<FiguresStore, 'currentUpdate' | 'periodUpdates'>;
  outbox: Pick<Outbox, 'stage'>;
  clock: Clock;
  /** Days between a new version's publication and its effective date, at least. */
  minNoticeDays: number;
}

/** Only comms staff write and publish the policy; everyone else is refused before anything is read. */
export const requireComms = (caller: Caller): void => {
  if (!hasRole(caller, ...commsRoles)) throw problems.forbidden('Only comms staff may write and publish the privacy policy.');
};
