import {
  claimCase,
  decideCase,
  fileAppeal,
  openScreeningCase,
  triage,
  type CaseNoticeLink,
  type CaseState,
  type DecisionInput,
  type NoticeState,
  type ReporterKind,
  type Restriction,
} from '#shared/moderation/domain/index.ts';

/**
 * Builders for the trust-and-safety domain's unit tests: notices, cases built through triage,
 * decisions taken by a moderator holding the case, and appeals filed on them.
 */

export const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const at = (ms = 0) => new Date(T0 + ms);

let sequence = 0;
const nextId = (prefix: string) => `${prefix}_${String((sequence += 1)).padStart(4, '0')}`;

/** A received notice on post-1, filed by an account unless the reporter kind says otherwise. */
export const notice = (over: Partial<NoticeState> = {}): NoticeState => {
  const reporterKind: ReporterKind = over.reporterKind ?? 'user';
  const reporter = over.reporterKey?.split(':')[1] ?? 'alice';
  return {
    id: nextId('ntc'),
    reporterKey: reporterKind === 'anonymous' ? `anon:${reporter}` : `user:${reporter}`,
    reporterKind,
    ...(reporterKind !== 'anonymous' && { accountId: reporter }),
    category: 'fraud_or_scam',
    contentId: 'post-1',
    contentUrl: 'https://platform.example/p/post-1',
    targetKey: 'content:post-1',
    financialHarm: false,
    receivedAt: '2026-03-01T08:00:00.000Z',
    updatedAt: '2026-03-01T08:00:00.000Z',
    version: 1,
    status: 'received',
    ...over,
  };
};

/** Triages the notices in order onto one target; returns the case and the links the store keeps of them. */
export const caseOf = (notices: NoticeState[], reputation = 0): { caseState: CaseState; links: CaseNoticeLink[] } => {
  let current: CaseState | undefined;
  const links: CaseNoticeLink[] = [];
  for (const n of notices) {
    const result = triage({ notice: n, current, content: { authorRef: 'author-1' }, reporterReputation: reputation, newCaseId: 'case_0001', now: at() });
    current = result.caseState;
    links.push({
      noticeId: n.id,
      reporterKey: n.reporterKey,
      reporterKind: n.reporterKind,
      ...(n.accountId && { accountId: n.accountId }),
      receivedAt: n.receivedAt,
      duplicate: result.notice.duplicate === true,
    });
  }
  return { caseState: current!, links };
};

export const screeningCase = (signals = ['rule:guaranteed-returns']): CaseState =>
  openScreeningCase({
    id: 'case_0002',
    contentId: 'post-2',
    category: 'fraud_or_scam',
    content: { reviewId: 'rev_0001', authorRef: 'author-2', contentType: 'image', contentDate: '2026-02-28' },
    signals,
    now: at(),
  });

/** A complete decision for a restriction: ground, reference, explanation, facts, and a duration where one is needed. */
export const restriction = (action: Restriction, over: Partial<DecisionInput> = {}): DecisionInput & { action: Restriction } => ({
  ground: 'terms',
  groundReference: 'Terms 4.2',
  groundExplanation: 'Solicits payments for returns never made.',
  facts: 'The post asks for cryptocurrency and promises to send double back.',
  ...(action === 'restrict_account' || action === 'suspend_account' ? { durationDays: 30 } : {}),
  ...over,
  action,
});

/** The decision in full form for any action: a restriction's elements, or nothing more for no_action. */
export const decisionFor = (action: DecisionInput['action'], over: Partial<DecisionInput> = {}): DecisionInput =>
  action === 'no_action' ? { action, ...over } : restriction(action, over);

/** The moderator claims the case and decides it a minute later. */
export const decide = (
  c: CaseState,
  decision: DecisionInput,
  options: { links?: CaseNoticeLink[]; moderatorId?: string; now?: Date } = {},
) => {
  const moderatorId = options.moderatorId ?? 'mod-1';
  const now = options.now ?? at(60_000);
  const claimed = claimCase(c, moderatorId, new Date(now.getTime() - 60_000)).caseState;
  return decideCase({ caseState: claimed, moderatorId, decision, notices: options.links ?? [], puid: 'sor_0001', now });
};

/** A case on post-1 decided with `action` on one notice by alice (an account), with the appeal of `appellantKind` filed a day later. */
export const appealed = (action: DecisionInput['action'], appellantKind: 'affected' | 'reporter', notices: NoticeState[] = [notice()]) => {
  const { caseState, links } = caseOf(notices);
  const decided = decide(caseState, decisionFor(action), { links });
  const filed = fileAppeal({
    caseState: decided.caseState,
    appellantId: appellantKind === 'affected' ? 'author-1' : 'alice',
    appellantKind,
    id: 'apl_0001',
    now: at(DAY_MS),
  });
  return { decided, filed, links };
};
