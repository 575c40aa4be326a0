import { hasRole, type Caller } from '#shared/auth/caller.ts';
import { ModerationForbiddenError } from '#shared/moderation/domain/index.ts';
import { keys } from '#shared/moderation/store/keys.ts';
import { toTransparencyStatement, transparencyErrors } from '#shared/moderation/domain/transparency-db.ts';
import { pageOf, pageRequestOf, type ListQuery } from '#shared/moderation/use-cases/list-page.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { exportReaderRoles } from '#shared/moderation/use-cases/staff.ts';

/** The export's page size when the caller asks for none. */
const EXPORT_LIMIT_DEFAULT = 100;

/**
 * Comms, moderators and admins: a day's statements in the Transparency Database format, without
 * personal data, a page at a time. Each is validated against the database's rules first: a
 * statement it would refuse never leaves the platform (the export fails instead).
 */
export const exportStatements = async ({ store, cursors }: Pick<ModerationPorts, 'store' | 'cursors'>, caller: Caller, query: ListQuery & { date: string }) => {
  if (!hasRole(caller, ...exportReaderRoles)) throw new ModerationForbiddenError('The export is for comms, moderators and admins.');
  const paging = { cursors, scope: { caller: caller.sub, list: `statements:${query.date}` } };
  const page = await pageRequestOf(paging, query, EXPORT_LIMIT_DEFAULT, (resumed) => resumed.gsi1pk === keys.statementsOfDay(query.date));
  const { items, lastKey } = await store.statements.ofDay(query.date, page);
  const exported = items.map(toTransparencyStatement);
  for (const statement of exported) {
    const errors = transparencyErrors(statement);
    if (errors) throw new Error(`Statement ${statement.puid} fails the Transparency Database rules: ${Object.keys(errors).join(', ')}`);
  }
  return pageOf(paging, exported, lastKey);
};
