import { ConflictOfInterestError } from '#shared/errors.ts';
import type { CaseNoticeLink } from '#shared/moderation/domain/notice.ts';

/**
 * Separation of duties: nobody acts as staff on a case they are a party to, and nobody earns a
 * reward for reporting their own content. Parties are matched by account id (a moderator's
 * `sub` against the accounts that reported, wrote, decided or appealed).
 */

export type CaseParty = 'reporter' | 'author' | 'decider' | 'appellant';

/** What of a case names its parties (a structural view, so this policy imports neither case nor appeal). */
interface CaseRecord {
  caseState: {
    reporters: readonly string[];
    content: { authorRef?: string | undefined };
    decision?: { by: string; affectedAccountId?: string | undefined } | undefined;
  };
  notices: readonly CaseNoticeLink[];
  appeals?: readonly { appellantId: string }[];
}

const reason: Record<CaseParty, string> = {
  reporter: 'You reported this content',
  author: 'This is your own content, or your account is affected by the decision',
  decider: 'You decided this case',
  appellant: 'You appealed this decision',
};

/** How `accountId` is involved in the case, if at all. */
export const partiesOf = (accountId: string, { caseState: c, notices, appeals = [] }: CaseRecord): CaseParty[] => {
  const parties: CaseParty[] = [];
  if (notices.some((n) => n.accountId === accountId) || c.reporters.includes(`user:${accountId}`)) parties.push('reporter');
  if (c.content.authorRef === accountId || c.decision?.affectedAccountId === accountId) parties.push('author');
  if (c.decision?.by === accountId) parties.push('decider');
  if (appeals.some((a) => a.appellantId === accountId)) parties.push('appellant');
  return parties;
};

/** A moderator claims or decides a case only when they are no party to it. */
export const requireUninvolvedModerator = (moderatorId: string, record: CaseRecord, step: 'claim' | 'decide' | 'decide the appeal on') => {
  const [party] = partiesOf(moderatorId, record);
  if (party) throw new ConflictOfInterestError(party, `${reason[party]}: another moderator must ${step} this case.`);
};

/** Whether the reporter's account wrote the content (a notice on one's own content earns nothing). */
export const isOwnContent = (accountId: string | undefined, content: { authorRef?: string | undefined }) =>
  accountId !== undefined && content.authorRef === accountId;

/** A person does not report their own content: they edit or delete it. */
export const requireNotOwnContent = (accountId: string, content: { authorRef?: string | undefined }) => {
  if (isOwnContent(accountId, content)) {
    throw new ConflictOfInterestError('author', 'This is your own content: edit or delete it instead of reporting it.');
  }
};
