import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import {
  alreadyActionedRedress,
  effectiveAction,
  isRestriction,
  noticeDecisionRedress,
  noticeOfAnonymousAppellant,
  noticeOutcome,
  reversalRedress,
  statementRedress,
  type Action,
  type AppealState,
  type CaseNoticeLink,
  type NoticePersonalData,
  type PendingReward,
  type Redress,
  type Restriction,
  type StatementOfReasons,
} from '#shared/moderation/domain/index.ts';
import type { ModerationStore } from '#shared/moderation/store/index.ts';
import { openUnlessErased, sealedAs } from '#shared/moderation/use-cases/personal-data.ts';

/**
 * Who is to be told what, given the ids the trust-and-safety events carry (events name records,
 * never people): the notifier of a notice, every notifier of a decided case with the outcome for
 * their notice (and again once an appeal reversed the action), the notifier of a notice closed on
 * content removed already, the account a statement of reasons affects with the statement, the
 * appellant of an appeal with its outcome, the reporter of a reward. The redress each is told of
 * comes from the domain's `redress.ts` as facts, which the notifications word per language. Every
 * read is strongly consistent, since an event is published right after the change it reports.
 * Unknown ids answer undefined.
 */

/**
 * How a party is reached: their account, or the contact email a notifier without an account gave
 * (opened with the data key; it is personal data, for the message only). Someone with neither is
 * not reachable here.
 */
export type ModerationContact = { kind: 'account'; accountId: string } | { kind: 'email'; email: string };

interface NoticeNotification {
  noticeId: string;
  caseId?: string;
  notifier?: ModerationContact;
}

interface NoticeDecisionNotification {
  noticeId: string;
  notifier: ModerationContact;
  outcome: 'action_taken' | 'no_action';
  /** DSA Art. 16(5): what the notifier may still do about the decision here. */
  redress: Redress;
}

interface CaseDecisionNotification {
  caseId: string;
  action: Action;
  decidedAt: string;
  /** One per notifier who can be reached (their first notice on the case, if they filed several). */
  notices: NoticeDecisionNotification[];
}

/** A statement of reasons (DSA Art. 17) as its affected account is told it; it holds no personal data. */
export interface StatementNotification {
  statementId: string;
  caseId: string;
  /** The account the measure affects; absent when the content has no known author. */
  affected?: ModerationContact;
  action: Restriction;
  /** The end of a temporary measure; absent = indefinite. */
  endsAt?: string;
  ground: 'terms' | 'illegal';
  groundReference: string;
  groundExplanation: string;
  facts: string;
  automatedDetection: boolean;
  automatedDecision: StatementOfReasons['automatedDecision'];
  replaces?: string;
  /** What the affected account may still do about the decision here. */
  redress: Redress;
}

interface AppealNotification {
  appealId: string;
  caseId: string;
  appellantKind: AppealState['appellantKind'];
  appellant?: ModerationContact;
  status: AppealState['status'];
  outcome?: NonNullable<AppealState['outcome']>;
  /**
   * The statement of the lesser measure a partial reversal put in place, for the affected account.
   * (A decision taken on appeal against a decision not to act has its own decision event.)
   */
  replacementStatementId?: string;
}

export interface RewardNotification {
  noticeId: string;
  caseId: string;
  points: number;
  status: PendingReward['status'];
  reporter: ModerationContact;
}

export interface ModerationNotificationQuery {
  /** DSA Art. 16(4): the notice and its notifier. */
  notice(noticeId: string): Promise<NoticeNotification | undefined>;
  /** DSA Art. 16(5): the decision on a case and, for each notifier, the outcome of their notice. */
  caseDecision(caseId: string): Promise<CaseDecisionNotification | undefined>;
  /** DSA Art. 16(5): a notice closed because its content had been removed already (an action taken), and its notifier if reachable. */
  closedNotice(noticeId: string): Promise<NoticeDecisionNotification | undefined>;
  /** DSA Art. 16(5): the decision on a case now that an appeal reversed its action (none taken), for each notifier; undefined unless reversed. */
  caseReversal(caseId: string): Promise<CaseDecisionNotification | undefined>;
  /** DSA Art. 17: a statement of reasons and the account it affects. */
  statement(statementId: string): Promise<StatementNotification | undefined>;
  /** DSA Art. 20: an appeal, its appellant and, once decided, its outcome. */
  appeal(appealId: string): Promise<AppealNotification | undefined>;
  /** The reward of a notice and its reporter. */
  reward(noticeId: string): Promise<RewardNotification | undefined>;
}

type Reads = Pick<ModerationStore, 'notices' | 'cases' | 'statements' | 'appeals' | 'rewards'>;

const account = (accountId: string): ModerationContact => ({ kind: 'account', accountId });

/** A notice's notifier: their account, or the contact email sealed with a notice filed without one. */
const notifierOf = async (reads: Reads, cipher: PersonalDataCipher, noticeId: string) => {
  const stored = await reads.notices.get(noticeId);
  if (!stored) return undefined;
  const { state } = stored;
  if (state.accountId) return { state, notifier: account(state.accountId) };
  const personal = await openUnlessErased<NoticePersonalData & Record<string, unknown>>(cipher, sealedAs.notice, state.id, stored.personalData);
  return { state, ...(personal?.contactEmail && { notifier: { kind: 'email', email: personal.contactEmail } as ModerationContact }) };
};

/** The notifier of a notice the case links to: an account from the link, else the notice's contact email. */
const notifierOfLink = async (reads: Reads, cipher: PersonalDataCipher, link: CaseNoticeLink): Promise<ModerationContact | undefined> =>
  link.accountId ? account(link.accountId) : (await notifierOf(reads, cipher, link.noticeId))?.notifier;

/** Accounts by id, email addresses regardless of case. */
const contactKey = (c: ModerationContact) => (c.kind === 'account' ? `account:${c.accountId}` : `email:${c.email.toLowerCase()}`);

/** The case's notifiers, oldest notice first, each once (a reporter who filed again is told once). */
const notifiersOfCase = async (reads: Reads, cipher: PersonalDataCipher, caseId: string) => {
  const links = await reads.cases.notices(caseId);
  const contacts = await Promise.all(links.map((link) => notifierOfLink(reads, cipher, link)));
  const seen = new Set<string>();
  return links.flatMap((link, i) => {
    const notifier = contacts[i];
    if (!notifier || seen.has(contactKey(notifier))) return [];
    seen.add(contactKey(notifier));
    return [{ noticeId: link.noticeId, notifier }];
  });
};

const statementNotification = (s: StatementOfReasons, appeals: readonly AppealState[]): StatementNotification => ({
  statementId: s.puid,
  caseId: s.caseId,
  ...(s.affectedAccountId && { affected: account(s.affectedAccountId) }),
  action: s.action,
  ...(s.endsAt && { endsAt: s.endsAt }),
  ground: s.ground,
  groundReference: s.groundReference,
  groundExplanation: s.groundExplanation,
  facts: s.facts,
  automatedDetection: s.automatedDetection,
  automatedDecision: s.automatedDecision,
  ...(s.replaces && { replaces: s.replaces }),
  redress: statementRedress(s, appeals),
});

/** The appeals filed on a case, by their ids (a few at most: one per appellant and decision). */
const appealsOf = async (reads: Reads, appealIds: readonly string[]): Promise<AppealState[]> => {
  const appeals = await Promise.all(appealIds.map((id) => reads.appeals.get(id)));
  return appeals.flatMap((stored) => (stored ? [stored.state] : []));
};

/** An appellant: the account that appealed, or the notice a notifier without an account appealed with. */
const appellantOf = async (reads: Reads, cipher: PersonalDataCipher, appeal: AppealState): Promise<ModerationContact | undefined> => {
  const noticeId = noticeOfAnonymousAppellant(appeal.appellantId);
  return noticeId ? (await notifierOf(reads, cipher, noticeId))?.notifier : account(appeal.appellantId);
};

/** The moderation reads behind the notifications of trust and safety; `cipher` opens notifiers' contact emails. */
export const createModerationNotificationQuery = (reads: Reads, cipher: PersonalDataCipher): ModerationNotificationQuery => ({
  async notice(noticeId) {
    const found = await notifierOf(reads, cipher, noticeId);
    if (!found) return undefined;
    return { noticeId, ...(found.state.caseId && { caseId: found.state.caseId }), ...(found.notifier && { notifier: found.notifier }) };
  },

  async caseDecision(caseId) {
    const caseState = await reads.cases.get(caseId);
    const decision = caseState?.decision;
    if (!decision) return undefined;
    const outcome = isRestriction(decision.action) ? 'action_taken' : 'no_action';
    const [appeals, notifiers] = await Promise.all([appealsOf(reads, caseState.appealIds), notifiersOfCase(reads, cipher, caseId)]);
    const redress = noticeDecisionRedress(decision, appeals);
    return { caseId, action: decision.action, decidedAt: decision.at, notices: notifiers.map((n) => ({ ...n, outcome, redress })) };
  },

  async closedNotice(noticeId) {
    const found = await notifierOf(reads, cipher, noticeId);
    if (!found?.notifier || noticeOutcome(found.state, undefined) !== 'already_actioned') return undefined;
    return { noticeId, notifier: found.notifier, outcome: 'action_taken', redress: alreadyActionedRedress() };
  },

  async caseReversal(caseId) {
    const decision = (await reads.cases.get(caseId))?.decision;
    if (!decision?.reversedAt) return undefined;
    const notifiers = await notifiersOfCase(reads, cipher, caseId);
    const redress = reversalRedress();
    return {
      caseId,
      action: effectiveAction(decision),
      decidedAt: decision.reversedAt,
      notices: notifiers.map((n) => ({ ...n, outcome: 'no_action' as const, redress })),
    };
  },

  async statement(statementId) {
    const s = await reads.statements.get(statementId);
    if (!s) return undefined;
    const caseState = await reads.cases.get(s.caseId);
    return statementNotification(s, await appealsOf(reads, caseState?.appealIds ?? []));
  },

  async appeal(appealId) {
    const appeal = (await reads.appeals.get(appealId))?.state;
    if (!appeal) return undefined;
    const [appellant, caseState] = await Promise.all([appellantOf(reads, cipher, appeal), reads.cases.get(appeal.caseId)]);
    const replaced = caseState?.decision?.replacedBy?.statementId;
    return {
      appealId,
      caseId: appeal.caseId,
      appellantKind: appeal.appellantKind,
      ...(appellant && { appellant }),
      status: appeal.status,
      ...(appeal.outcome && { outcome: appeal.outcome }),
      ...(replaced && replaced === appeal.newStatementId && { replacementStatementId: replaced }),
    };
  },

  async reward(noticeId) {
    const r = await reads.rewards.get(noticeId);
    return r && { noticeId, caseId: r.caseId, points: r.points, status: r.status, reporter: account(r.accountId) };
  },
});
