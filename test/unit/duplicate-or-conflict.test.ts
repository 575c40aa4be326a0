import { describe, expect, it } from 'vitest';
import { ConditionFailedError, type Table, TransientConflictError } from '#shared/aws/table.ts';
import type { ReviewState } from '#shared/moderation/domain/index.ts';
import { createBlocklistStore } from '#shared/moderation/store/blocklists.ts';
import { createReviewStore } from '#shared/moderation/store/reviews.ts';
import { DuplicateError } from '#shared/moderation/use-cases/errors.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import { createInvitationStore } from '#shared/surveys/store/invitation-store.ts';

/**
 * The stores that read "someone wrote first" as "done already": only a failed condition on the
 * write's marker item is a duplicate; a failed condition elsewhere, or concurrent transactions
 * that kept the write out, is thrown for the caller (or the queue) to retry.
 */

const tableRefusing = (error: Error) => ({ name: 'table', transact: async () => Promise.reject(error) }) as unknown as Table;
const onMarker = () => new ConditionFailedError([0]);
const elsewhere = () => new ConditionFailedError([2]);
const transient = () => new TransientConflictError('TransactionConflict');

const invitation = {
  userId: 'user-1',
  id: '2026-11-post-resolution.cmp_1',
  campaignId: '2026-11-post-resolution',
  kind: 'post-resolution',
  month: '2026-11',
  complaintId: 'cmp_1',
  status: 'invited',
  revision: 0,
} as unknown as Invitation;
const noFigures = { periodUpdates: () => [] };

describe('the post-resolution invitation', () => {
  it('is a duplicate only when the complaint was surveyed before', async () => {
    const invite = (error: Error) => createInvitationStore(tableRefusing(error), noFigures).invitePostResolution(invitation, {}, []);

    await expect(invite(onMarker())).resolves.toBe(false);
    await expect(invite(transient())).rejects.toBeInstanceOf(TransientConflictError);
    await expect(invite(elsewhere())).rejects.toBeInstanceOf(ConditionFailedError);
  });
});

describe('the blocklist', () => {
  it('says "on the list already" only when the value item exists', async () => {
    const add = (error: Error) => createBlocklistStore({} as never, tableRefusing(error)).add('url', 'key', { id: 'bl_1', addedBy: 'mod', addedAt: 'now' }, new Uint8Array());

    await expect(add(onMarker())).rejects.toBeInstanceOf(DuplicateError);
    await expect(add(transient())).rejects.toBeInstanceOf(TransientConflictError);
  });
});

describe('content reviews', () => {
  it('say "submitted before" only when one of the review\'s own items exists', async () => {
    const review = { id: 'rev_1', contentId: 'post-1', revision: 'r1', clientId: 'platform' } as unknown as ReviewState;
    const create = (error: Error) => createReviewStore(tableRefusing(error)).create(review, new Uint8Array(), [{ Update: { TableName: 't', Key: {}, UpdateExpression: 'ADD n :one' } }]);

    await expect(create(elsewhere())).rejects.toBeInstanceOf(DuplicateError);
    await expect(create(transient())).rejects.toBeInstanceOf(TransientConflictError);
    await expect(create(new ConditionFailedError([3]))).rejects.toBeInstanceOf(ConditionFailedError);
  });
});
