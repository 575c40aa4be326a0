import type { Caller } from '#shared/auth/caller.ts';
import { actorFor, requireNotOwnComplaint } from '#shared/customer-service/domain/access.ts';
import type { Actor, ComplaintState } from '#shared/customer-service/domain/complaint.ts';
import type { Decision } from '#shared/customer-service/domain/decisions.ts';
import { readable, requireWorker } from '#shared/customer-service/use-cases/readable.ts';
import { openSummary, sealMessage } from '#shared/customer-service/use-cases/views.ts';
import {
  changeIdOf,
  type ChannelMessageRef,
  type CustomerServicePorts,
  type StoredComplaint,
} from '#shared/customer-service/use-cases/ports.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { commitChange } from '#shared/events/outbox.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';

type ChangePorts = Pick<CustomerServicePorts, 'complaints' | 'cipher' | 'outbox' | 'clock'>;

/**
 * Read, decide, write: the decision and its events are committed in one transaction, conditional
 * on the version read. If another writer got there first, read again and decide again, so two
 * simultaneous replies both land and two simultaneous claims have exactly one winner. With
 * `channelMessage`, the message the change adds is that one, taken in once.
 */
export const changeStored = (
  ports: ChangePorts,
  read: () => Promise<StoredComplaint>,
  decide: (state: ComplaintState, now: Date) => Decision,
  channelMessage?: ChannelMessageRef,
): Promise<{ decision: Decision; stored: StoredComplaint }> =>
  retryOnConflict(
    (error) => error instanceof VersionConflictError,
    async () => {
      const stored = await read();
      const now = ports.clock.now();
      const decision = decide(stored.state, now);
      if (decision.state.version !== stored.state.version + 1) throw new Error('A change must advance the version by one');
      const unchanged = decision.history.length === 0 && !decision.message;
      if (unchanged) return { decision: { ...decision, state: stored.state }, stored };
      const message = decision.message ? await sealMessage(ports, decision.message) : undefined;
      await commitChange(ports.outbox, { events: decision.events, at: now, changeId: changeIdOf(decision) }, (outboxItems) =>
        ports.complaints.update(decision, stored, outboxItems, message, channelMessage),
      );
      return { decision, stored: { ...stored, state: decision.state } };
    },
  );

/** `changeStored` for a complaint the caller may see, acting as the party the caller is on it. */
export const changeComplaint = (
  ports: ChangePorts,
  caller: Caller,
  id: string,
  decide: (state: ComplaintState, actor: Actor, now: Date) => Decision,
) => changeStored(ports, () => readable(ports, caller, id), (state, now) => decide(state, actorFor(caller, state), now));

/** A change only staff who work complaints may make, never on their own; the answer is the complaint's staff summary. */
export const changeAsWorker = async (
  ports: ChangePorts & Pick<CustomerServicePorts, 'policy'>,
  caller: Caller,
  id: string,
  decide: (state: ComplaintState, actor: Actor, now: Date) => Decision,
) => {
  requireWorker(caller);
  const { stored } = await changeComplaint(ports, caller, id, (state, actor, now) => {
    requireNotOwnComplaint(caller, state);
    return decide(state, actor, now);
  });
  return openSummary(ports, stored, true);
};
