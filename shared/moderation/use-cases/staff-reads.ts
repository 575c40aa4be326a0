import { readingRoles, type OpenedData, type StaffRead } from '#shared/access-log/index.ts';
import type { Caller } from '#shared/auth/caller.ts';
import type { AppealState, CaseNoticeLink, CaseState, NoticeState } from '#shared/moderation/domain/index.ts';
import { moderatorRoles } from '#shared/moderation/manifest.ts';

/**
 * The access-log entries of moderators' reads of people's data: notices (the notifier's
 * explanation), cases (their notices' explanations, and the content of its author), appeals (the
 * appellant's explanation and the reply) and blocklist values (whose owner is not known).
 */

/** The person a notice is about: the account that filed it, else its pseudonymous reporter key. */
const notifierOf = (notice: Pick<NoticeState, 'accountId' | 'reporterKey'>) => notice.accountId ?? notice.reporterKey;

/** Whether a notice is the caller's own (their own data is no staff read). */
export const isOwnNotice = (caller: Caller, notice: Pick<NoticeState, 'reporterKey'>) => notice.reporterKey === `user:${caller.sub}`;

export const moderatorRead = (caller: Caller, reason: string | undefined, opened: readonly OpenedData[]): StaffRead => ({
  staff: { id: caller.sub, roles: readingRoles(caller.roles, moderatorRoles) },
  reason,
  opened,
});

export const noticeOpened = (notice: NoticeState): OpenedData => ({
  subjectId: notifierOf(notice),
  resource: { kind: 'notice', id: notice.id },
  fields: ['explanation'],
});

/** A case view opens each notice's explanation, and shows the content of its author (when known). */
export const caseOpened = (caller: Caller, c: CaseState, links: readonly CaseNoticeLink[]): OpenedData[] => [
  ...links
    .filter((link) => !isOwnNotice(caller, link))
    .map((link) => ({ subjectId: notifierOf(link), resource: { kind: 'moderation-case' as const, id: c.id }, fields: [`notices.${link.noticeId}.explanation`] })),
  ...(c.content.authorRef && c.content.authorRef !== caller.sub
    ? [{ subjectId: c.content.authorRef, resource: { kind: 'moderation-case' as const, id: c.id }, fields: ['contentId', 'contentUrl'] }]
    : []),
];

export const appealOpened = (appeal: AppealState): OpenedData => ({
  subjectId: appeal.appellantId,
  resource: { kind: 'appeal', id: appeal.id },
  fields: ['explanation', 'decisionExplanation'],
});

/** Blocklist values (an address, a domain, a phone number) are personal data of someone nobody has named. */
export const blocklistEntryOpened = (entryId: string): OpenedData => ({ resource: { kind: 'blocklist-entry', id: entryId }, fields: ['value', 'reason'] });
