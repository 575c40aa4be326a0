import type { AppealState, NoticePersonalData, NoticeState, ReviewState, StatementOfReasons } from '#shared/moderation/domain/index.ts';
import type { ModerationDataExport } from '#shared/moderation/http/data-export-schema.ts';
import type { Stored } from '#shared/moderation/store/items.ts';
import { noticeView } from '#shared/moderation/use-cases/notice-view.ts';
import { accountOf } from '#shared/moderation/use-cases/personal-data-erasure.ts';
import { openUnlessErased, sealedAs, type AppealPersonalData, type ReviewPersonalData } from '#shared/moderation/use-cases/personal-data.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import type { DataSubject } from '#shared/personal-data/holder.ts';

type Ports = Pick<ModerationPorts, 'store' | 'cipher'>;
type Export = ModerationDataExport;

const emptyExport = (): Export => ({ notices: [], appeals: [], contentReviews: [], statementsOfReasons: [], rewards: { balance: 0, rewards: [], ledger: [] } });

/** A notice as its notifier filed it and what came of it (the case's other notices and notes are not theirs). */
const noticeExport = async (ports: Ports, stored: Stored<NoticeState>): Promise<Export['notices'][number]> => {
  const n = stored.state;
  const [view, personal] = await Promise.all([
    noticeView(ports, stored, false),
    openUnlessErased<NoticePersonalData & Record<string, unknown>>(ports.cipher, sealedAs.notice, n.id, stored.personalData),
  ]);
  return {
    id: n.id,
    category: n.category,
    contentId: n.contentId,
    ...(n.contentUrl && { contentUrl: n.contentUrl }),
    receivedAt: n.receivedAt,
    status: n.status,
    outcome: view.outcome,
    ...(view.decidedAt && { decidedAt: view.decidedAt }),
    ...(view.action && { action: view.action }),
    ...(view.statementId && { statementId: view.statementId }),
    ...(view.manifestlyUnfounded && { manifestlyUnfounded: true }),
    ...(personal?.explanation && { explanation: personal.explanation }),
    ...(personal?.notifierName && { notifierName: personal.notifierName }),
    ...(personal?.contactEmail && { contactEmail: personal.contactEmail }),
    ...(n.erasedAt && { erasedAt: n.erasedAt }),
  };
};

const appealExport = async ({ cipher }: Ports, stored: Stored<AppealState>): Promise<Export['appeals'][number]> => {
  const { erasedAt, appellantKind, appellantId: _appellant, decidedBy: _moderator, version: _version, caseId, ...a } = stored.state;
  const personal = await openUnlessErased<AppealPersonalData & Record<string, unknown>>(cipher, sealedAs.appeal, a.id, stored.personalData);
  return {
    ...a,
    caseId,
    appellant: appellantKind,
    ...(personal?.explanation && { explanation: personal.explanation }),
    ...(personal?.decisionExplanation && { decisionExplanation: personal.decisionExplanation }),
    ...(erasedAt && { erasedAt }),
  };
};

/** Submitted content with its decision; the screening's signals and the submitting client are the platform's. */
const reviewExport = async ({ cipher }: Ports, stored: Stored<ReviewState>): Promise<Export['contentReviews'][number]> => {
  const r = stored.state;
  const personal = await openUnlessErased<ReviewPersonalData & Record<string, unknown>>(cipher, sealedAs.review, r.id, stored.personalData);
  return {
    id: r.id,
    contentId: r.contentId,
    contentType: r.contentType,
    submittedAt: r.submittedAt,
    status: r.status,
    ...(r.restriction && { restriction: r.restriction }),
    ...(r.decidedBy && { decidedBy: r.decidedBy }),
    ...(r.decidedAt && { decidedAt: r.decidedAt }),
    ...(r.statementId && { statementId: r.statementId }),
    ...(personal && { ...(personal.text && { text: personal.text }), urls: personal.urls, mediaHashes: personal.mediaHashes }),
    ...(r.erasedAt && { erasedAt: r.erasedAt }),
  };
};

const statementExport = ({ affectedAccountId: _account, accountType: _type, ...s }: StatementOfReasons): Export['statementsOfReasons'][number] => s;

const standingOf = async ({ store }: Ports, reporterKey: string): Promise<Pick<Export, 'rewards' | 'reporterStanding'>> => {
  const [ledger, profile] = await Promise.all([store.ledger.of(reporterKey), store.reporters.get(reporterKey)]);
  return {
    rewards: {
      balance: ledger.balance,
      rewards: ledger.rewards.map((r) => ({ noticeId: r.noticeId, caseId: r.caseId, points: r.points, status: r.status, dueAt: r.dueAt, createdAt: r.createdAt })),
      ledger: ledger.entries,
    },
    ...(profile && {
      reporterStanding: {
        reputation: profile.reputation,
        accepted: profile.accepted,
        rejected: profile.rejected,
        strikes: profile.strikes,
        ...(profile.warnedAt && { warnedAt: profile.warnedAt }),
        ...(profile.suspendedUntil && { suspendedUntil: profile.suspendedUntil }),
        suspensions: profile.suspensions,
      },
    }),
  };
};

/**
 * The trust-and-safety section of a person's export (ModerationDataExportSchema), decrypted:
 * found through the byOwner index (notices, appeals, reviews of their content, pointers to the
 * statements concerning them) and the keys of their ledger and standing; never a Scan.
 */
export const exportOf = async (ports: Ports, subject: DataSubject): Promise<Export> => {
  const accountId = accountOf(subject);
  if (!accountId) return emptyExport();
  const { store } = ports;
  const [notices, appeals, reviews, puids, standing] = await Promise.all([
    store.notices.allOfReporter(`user:${accountId}`),
    store.appeals.allOfAppellant(accountId),
    store.reviews.allOfAuthor(accountId),
    store.statements.concerning(accountId),
    standingOf(ports, `user:${accountId}`),
  ]);
  const statements = (await store.statementSubmissions.statements(puids)).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return {
    notices: await Promise.all(notices.map((n) => noticeExport(ports, n))),
    appeals: await Promise.all(appeals.map((a) => appealExport(ports, a))),
    contentReviews: await Promise.all(reviews.map((r) => reviewExport(ports, r))),
    statementsOfReasons: statements.map(statementExport),
    ...standing,
  };
};
