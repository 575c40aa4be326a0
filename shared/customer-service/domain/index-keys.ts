import { shardIndexOf } from '#shared/shards.ts';
import type { ComplaintState } from '#shared/customer-service/domain/complaint.ts';
import { nextCheckAt } from '#shared/customer-service/domain/deadlines.ts';
import { soonestDeadline } from '#shared/customer-service/domain/sla-clock.ts';
import { basisOf, type SlaPolicy } from '#shared/customer-service/domain/sla-policy.ts';
import { retentionDayOf } from '#shared/customer-service/domain/personal-data.ts';

/**
 * Where a complaint is found besides its own key, decided from its state: in its owner's list
 * (newest first), in its status's work queue (soonest deadline first), while a checkpoint is
 * ahead in the sweep's due index, and once resolved or closed in the retention index, under the day
 * its personal fields are due to go. The store writes these keys as given.
 */

interface IndexKey {
  partition: string;
  sort: string;
}

export interface ComplaintIndexKeys {
  owner: IndexKey;
  queue: IndexKey;
  /** Absent when nothing is left to check: the due index is sparse. */
  dueCheck?: IndexKey;
  /** Absent until the complaint is resolved or closed, and again once its personal data is erased: sparse too. */
  retention?: IndexKey;
}

/** The sweep's index is spread over shards so that no single partition takes every write. */
export const DUE_SHARDS = 4;
/** Sorts after every ISO time: a complaint with no deadline goes to the end of its queue. */
const NO_DEADLINE = '~';

export const ownerPartition = (ownerId: string) => `OWNER#${ownerId}`;
export const queuePartition = (status: string) => `QUEUE#${status}`;
export const duePartition = (shard: number) => `DUE#${shard}`;
/** The due index's sort key bound: every checkpoint at or before `now`. */
export const dueBy = (now: Date) => `${now.toISOString()}#${NO_DEADLINE}`;

export const indexKeysOf = (state: ComplaintState, policy: SlaPolicy): ComplaintIndexKeys => {
  const deadline = soonestDeadline(state.sla, basisOf(policy), new Date(state.updatedAt));
  const checkAt = nextCheckAt(state, policy);
  const retentionDay = retentionDayOf(state);
  return {
    owner: { partition: ownerPartition(state.ownerId), sort: `${state.createdAt}#${state.id}` },
    queue: { partition: queuePartition(state.status), sort: `${deadline ? deadline.toISOString() : NO_DEADLINE}#${state.id}` },
    ...(checkAt && {
      dueCheck: { partition: duePartition(shardIndexOf(state.id, DUE_SHARDS)), sort: `${checkAt.toISOString()}#${state.id}` },
    }),
    ...(retentionDay && { retention: { partition: retentionDay, sort: state.id } }),
  };
};
