import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { NotFoundError } from '#shared/errors.ts';
import { ModerationConflictError } from '#shared/moderation/domain/index.ts';
import { MAX_QUARANTINE_RELEASES, quarantineReleaseOf, type QuarantineRelease } from '#shared/moderation/domain/statement-submission.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import type { QuarantinedSubmission, StatementSubmissionStore } from '#shared/moderation/store/statement-submissions.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { requireModerator } from '#shared/moderation/use-cases/staff.ts';
import { LIST_LIMIT_DEFAULT } from '#shared/pagination.ts';

/**
 * The statements of reasons the Transparency Database refused as invalid, for moderators to act
 * on: read the database's errors, fix the cause, release the statement. The next run of the
 * submission job sends it again, built anew from the stored statement.
 */

type Submissions = Pick<StatementSubmissionStore, 'get' | 'quarantined' | 'release'>;
type QuarantinePorts = Pick<ModerationPorts, 'cursors'> & { store: { statementSubmissions: Submissions }; clock: Clock };

const releaseView = ({ apiErrors, ...release }: QuarantineRelease) => ({ ...release, errors: apiErrors });

/** A quarantined statement as moderators read it: ids, times and the database's errors; never the statement's content. */
const quarantinedView = (record: QuarantinedSubmission) => ({
  puid: record.puid,
  issuedAt: record.issuedAt,
  quarantinedAt: record.quarantinedAt,
  errors: record.apiErrors,
  releases: (record.releases ?? []).map(releaseView),
});

/** Moderators: the quarantined statements, oldest quarantine first, a page at a time. */
export const listQuarantinedStatements = async ({ store, cursors }: Omit<QuarantinePorts, 'clock'>, caller: Caller, query: ListQuery) => {
  requireModerator(caller);
  const paging = { cursors, scope: { caller: caller.sub, list: 'statement-quarantine' } };
  const page = await pageRequestOf(paging, query, LIST_LIMIT_DEFAULT, (resumed) => resumed.duePk === keys.statementsQuarantined);
  const { items, lastKey } = await store.statementSubmissions.quarantined(page);
  return pageOf(paging, items.map(quarantinedView), lastKey);
};

/**
 * Moderators: a quarantined statement back to the pending ones, the quarantine it ends kept in its
 * `releases`. Unknown: 404; not quarantined (pending, sent, or released meanwhile): 409; released
 * MAX_QUARANTINE_RELEASES times already: 409 `release-limit` (the cause is not in the data: fix
 * the code, or report the statement to the Commission by hand).
 */
export const releaseQuarantinedStatement = async ({ store, clock }: Omit<QuarantinePorts, 'cursors'>, caller: Caller, puid: string) => {
  requireModerator(caller);
  const record = await store.statementSubmissions.get(puid);
  if (!record) throw new NotFoundError(`No statement of reasons ${puid}`);
  const notQuarantined = () => new ModerationConflictError('not-quarantined', `The statement ${puid} is not quarantined: there is nothing to release.`);
  if (record.status !== 'quarantined') throw notQuarantined();
  if ((record.releases?.length ?? 0) >= MAX_QUARANTINE_RELEASES) {
    throw new ModerationConflictError('release-limit', `The statement ${puid} was released ${MAX_QUARANTINE_RELEASES} times and refused each time: it stays quarantined.`);
  }
  const release = quarantineReleaseOf(record, caller.sub, clock.now());
  if (!(await store.statementSubmissions.release(record, release))) throw notQuarantined();
  return { puid, status: 'pending' as const, issuedAt: record.issuedAt, releases: [...(record.releases ?? []), release].map(releaseView) };
};
