import type { DomainEvent } from '#shared/moderation/domain/change.ts';
import type { NoticeCategory } from '#shared/moderation/domain/taxonomy.ts';

/** Notices (DSA Art. 16): what a reporter said about a piece of content, and what came of it. */

export type ReporterKind = 'user' | 'trusted_flagger' | 'anonymous';

/** Who may be told what about a notice: the personal fields are sealed separately. */
export interface NoticeState {
  id: string;
  /** `user:<sub>` for accounts, `anon:<pseudonym of the source address>` otherwise (the contact email is unverified). */
  reporterKey: string;
  reporterKind: ReporterKind;
  /** The account that filed it (absent for people without an account). */
  accountId?: string;
  category: NoticeCategory;
  contentId: string;
  /** Absent once erased (the notifier gave it). */
  contentUrl?: string;
  targetKey: string;
  financialHarm: boolean;
  receivedAt: string;
  updatedAt: string;
  version: number;
  /** received: waiting on the queue; triaged: part of a case; closed: the target was already acted on. */
  status: 'received' | 'triaged' | 'closed';
  caseId?: string;
  /** The same reporter had already reported this target in this case. */
  duplicate?: boolean;
  /** When its personal fields were erased (at its notifier's request, or when its retention ended). */
  erasedAt?: string;
}

export interface NoticePersonalData {
  explanation: string;
  notifierName?: string;
  contactEmail?: string;
}

/** A notice as its case knows it: enough to move its reporter's standing when the case is decided. */
export interface CaseNoticeLink {
  noticeId: string;
  reporterKey: string;
  reporterKind: ReporterKind;
  accountId?: string;
  receivedAt: string;
  duplicate: boolean;
}

export const targetKeyOf = (contentId: string) => `content:${contentId}`;

/**
 * DSA Art. 16(4): the notice was received and accepted for processing. The event names the notice
 * and its category; who filed it is read from the notice by those who may know.
 */
export const noticeReceived = (notice: NoticeState): DomainEvent => ({
  type: 'moderation.notice-received',
  at: notice.receivedAt,
  detail: { noticeId: notice.id, category: notice.category },
});
