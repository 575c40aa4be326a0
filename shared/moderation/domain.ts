import { firstResponseBucket } from '#shared/figures/histogram.ts';
import { moderationPolicy, priorityOf, type ModerationPolicy, type Priority } from '#shared/moderation/policy.ts';
import type { ScreeningOutcome } from '#shared/moderation/screening.ts';
import {
  accountActions,
  isRestriction,
  rewardPoints,
  type Action,
  type ContentType,
  type NoticeCategory,
  type Restriction,
} from '#shared/moderation/taxonomy.ts';

/**
 * Trust and safety as pure functions: notices merge into cases, moderators decide, decisions
 * carry statements of reasons, appeals reverse or uphold, rewards wait for the appeal window.
 * Each command returns the whole change (new states, history, events, figure counters), which
 * the repository writes in one transaction. Nothing here reads a clock or a database.
 */

export type ReporterKind = 'user' | 'trusted_flagger' | 'anonymous';
export type DetailValue = string | number | boolean;

export class ModerationConflictError extends Error {
  override name = 'ModerationConflictError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}
export class ModerationForbiddenError extends Error {
  override name = 'ModerationForbiddenError';
}
/** A request the domain refuses as invalid in its context (answered 400 with the field). */
export class ModerationInvalidError extends Error {
  override name = 'ModerationInvalidError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/* ------------------------------------------------------------------------------- notices */

/** Who may be told what about a notice: the personal fields are sealed separately. */
export interface NoticeState {
  id: string;
  /** `user:<sub>` for accounts, `anon:<pseudonym of the contact email>` otherwise. */
  reporterKey: string;
  reporterKind: ReporterKind;
  /** The account that filed it (absent for people without an account). */
  accountId?: string;
  category: NoticeCategory;
  contentId: string;
  contentUrl: string;
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
}

export interface NoticePersonalData {
  explanation: string;
  notifierName?: string;
  contactEmail?: string;
}

export const targetKeyOf = (contentId: string) => `content:${contentId}`;

/* --------------------------------------------------------------------------------- cases */

interface DecisionRecord {
  action: Action;
  by: string;
  at: string;
  statementId?: string;
  durationDays?: number;
  affectedAccountId?: string;
  /** Notices the moderator found manifestly unfounded (Art. 23). */
  unfoundedNoticeIds: string[];
  /** Set when an appeal reversed the decision (the action was undone). */
  reversedAt?: string;
  /** The lesser measure an appeal replaced it with. */
  replacedBy?: { action: Restriction; statementId: string; at: string };
}

export interface ContentFacts {
  reviewId?: string;
  authorRef?: string;
  contentType?: ContentType;
  /** YYYY-MM-DD the content was submitted. */
  contentDate?: string;
  simhash?: string;
  /** Screening approved it without a human (a later removal is a miss of the screening). */
  automatedApproval?: boolean;
}

export interface CaseState {
  id: string;
  targetKey: string;
  contentId: string;
  contentUrl?: string;
  category: NoticeCategory;
  origin: 'notice' | 'screening';
  content: ContentFacts;
  /** Distinct reporters, oldest first, at most MAX_TRACKED_REPORTERS (the volume score is capped long before). */
  reporters: string[];
  noticeCount: number;
  trustedNotices: number;
  anonymousNotices: number;
  financialHarm: boolean;
  maxReputation: number;
  /** Screening signals that opened the case (own-initiative cases). */
  signals: string[];
  score: number;
  priority: Priority;
  firstNoticeAt: string;
  /** The earliest notice from an account that may earn a reward if the case leads to action. */
  firstRewardable?: { noticeId: string; reporterKey: string; accountId: string; receivedAt: string };
  status: 'open' | 'decided' | 'appealed' | 'closed';
  lease?: { moderatorId: string; expiresAt: string };
  decision?: DecisionRecord;
  appealIds: string[];
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const MAX_TRACKED_REPORTERS = 50;

export interface HistoryEntry {
  at: string;
  actor: { kind: 'user' | 'staff' | 'system'; id: string };
  action: string;
  details: Record<string, DetailValue>;
}

export interface DomainEvent {
  type: string;
  at: string;
  detail: Record<string, DetailValue | string[]>;
}

export type Counters = Record<string, number>;

const iso = (at: Date) => at.toISOString();

const scoreOf = (c: Pick<CaseState, 'category' | 'trustedNotices' | 'financialHarm' | 'reporters' | 'maxReputation' | 'signals'>, policy: ModerationPolicy = moderationPolicy) => {
  let score = policy.categoryScore[c.category];
  if (c.trustedNotices > 0) score += policy.trustedFlaggerBonus;
  if (c.financialHarm && c.category === 'fraud_or_scam') score += policy.financialHarmBonus;
  score += Math.min(policy.volumeCap, Math.max(0, c.reporters.length - 1) * policy.perExtraReporter);
  if (c.maxReputation >= policy.reputableReporter.threshold) score += policy.reputableReporter.bonus;
  // Own-initiative cases: a blocklist hit or a near-duplicate of removed content is strong evidence.
  if (c.signals.some((s) => s.startsWith('blocklist:') || s === 'near-duplicate')) score += 40;
  else if (c.signals.length > 0) score += 15;
  return score;
};

const rescore = (c: CaseState, policy: ModerationPolicy): CaseState => {
  const score = scoreOf(c, policy);
  return { ...c, score, priority: priorityOf(score, policy) };
};

interface TriageResult {
  notice: NoticeState;
  /** The case the notice joined or opened; undefined when the notice was closed without one. */
  caseState?: CaseState;
  /** True when this triage created the case. */
  opened: boolean;
  history: HistoryEntry[];
  events: DomainEvent[];
  counters: Counters;
}

const noticeCounters = (notice: NoticeState): Counters => ({
  notices: 1,
  [`notices#category#${notice.category}`]: 1,
  [`notices#source#${notice.reporterKind}`]: 1,
});

/**
 * A notice taken off the reports queue. It joins the open case of its target (one case per
 * target), or opens one; on content already removed it is closed as already acted on.
 */
export const triage = (input: {
  notice: NoticeState;
  /** The target's current case, if any. */
  current?: CaseState;
  content: ContentFacts;
  reporterReputation: number;
  newCaseId: string;
  now: Date;
  policy?: ModerationPolicy;
}): TriageResult => {
  const { notice, current, now } = input;
  const policy = input.policy ?? moderationPolicy;
  if (notice.status !== 'received') throw new ModerationConflictError('already-triaged', 'The notice was triaged before');
  const at = iso(now);
  const system = { kind: 'system' as const, id: 'reports-consumer' };
  const counters = noticeCounters(notice);
  const rewardable =
    notice.reporterKind === 'user' && notice.accountId
      ? { noticeId: notice.id, reporterKey: notice.reporterKey, accountId: notice.accountId, receivedAt: notice.receivedAt }
      : undefined;

  const alreadyRemoved =
    current?.decision && !current.decision.reversedAt && (current.decision.action === 'remove' || current.decision.replacedBy?.action === 'remove');
  if (current && current.status !== 'open' && alreadyRemoved) {
    return {
      notice: { ...notice, status: 'closed', caseId: current.id, updatedAt: at, version: notice.version + 1 },
      opened: false,
      history: [{ at, actor: system, action: 'notice-on-removed-content', details: { noticeId: notice.id } }],
      events: [],
      counters: { ...counters, 'notices#already-actioned': 1 },
    };
  }

  if (current && current.status === 'open') {
    const duplicate = current.reporters.includes(notice.reporterKey);
    const reporters =
      duplicate || current.reporters.length >= MAX_TRACKED_REPORTERS ? current.reporters : [...current.reporters, notice.reporterKey];
    // Queue order is not arrival order: the earliest received notice from an account is the first.
    const firstRewardable =
      rewardable && !duplicate && (!current.firstRewardable || rewardable.receivedAt < current.firstRewardable.receivedAt)
        ? rewardable
        : current.firstRewardable;
    const merged = rescore(
      {
        ...current,
        reporters,
        noticeCount: current.noticeCount + 1,
        trustedNotices: current.trustedNotices + (notice.reporterKind === 'trusted_flagger' ? 1 : 0),
        anonymousNotices: current.anonymousNotices + (notice.reporterKind === 'anonymous' ? 1 : 0),
        financialHarm: current.financialHarm || notice.financialHarm,
        maxReputation: Math.max(current.maxReputation, input.reporterReputation),
        firstNoticeAt: notice.receivedAt < current.firstNoticeAt ? notice.receivedAt : current.firstNoticeAt,
        ...(firstRewardable && { firstRewardable }),
        updatedAt: at,
        version: current.version + 1,
      },
      policy,
    );
    return {
      notice: { ...notice, status: 'triaged', caseId: current.id, ...(duplicate && { duplicate: true }), updatedAt: at, version: notice.version + 1 },
      caseState: merged,
      opened: false,
      history: [
        {
          at,
          actor: system,
          action: 'notice-merged',
          details: { noticeId: notice.id, source: notice.reporterKind, duplicate, priority: merged.priority },
        },
      ],
      events: [
        {
          type: 'moderation.notice-merged',
          at,
          detail: { caseId: merged.id, noticeId: notice.id, priority: merged.priority, noticeCount: merged.noticeCount },
        },
      ],
      counters: { ...counters, ...(duplicate && { 'notices#duplicate': 1 }) },
    };
  }

  const opened = rescore(
    {
      id: input.newCaseId,
      targetKey: notice.targetKey,
      contentId: notice.contentId,
      contentUrl: notice.contentUrl,
      category: notice.category,
      origin: 'notice',
      content: input.content,
      reporters: [notice.reporterKey],
      noticeCount: 1,
      trustedNotices: notice.reporterKind === 'trusted_flagger' ? 1 : 0,
      anonymousNotices: notice.reporterKind === 'anonymous' ? 1 : 0,
      financialHarm: notice.financialHarm,
      maxReputation: input.reporterReputation,
      signals: [],
      score: 0,
      priority: 'low',
      firstNoticeAt: notice.receivedAt,
      ...(rewardable && { firstRewardable: rewardable }),
      status: 'open',
      appealIds: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
    policy,
  );
  return {
    notice: { ...notice, status: 'triaged', caseId: opened.id, updatedAt: at, version: notice.version + 1 },
    caseState: opened,
    opened: true,
    history: [{ at, actor: system, action: 'case-opened', details: { noticeId: notice.id, source: notice.reporterKind, priority: opened.priority } }],
    events: [
      {
        type: 'moderation.case-opened',
        at,
        detail: { caseId: opened.id, contentId: opened.contentId, category: opened.category, priority: opened.priority, origin: 'notice' },
      },
    ],
    counters: { ...counters, casesOpened: 1 },
  };
};

/** A case opened by the screening of content before publication (own initiative, automated detection). */
export const openScreeningCase = (input: {
  id: string;
  contentId: string;
  category: NoticeCategory;
  content: ContentFacts;
  signals: string[];
  now: Date;
  policy?: ModerationPolicy;
}): CaseState => {
  const at = iso(input.now);
  return rescore(
    {
      id: input.id,
      targetKey: targetKeyOf(input.contentId),
      contentId: input.contentId,
      category: input.category,
      origin: 'screening',
      content: input.content,
      reporters: [],
      noticeCount: 0,
      trustedNotices: 0,
      anonymousNotices: 0,
      financialHarm: false,
      maxReputation: 0,
      signals: input.signals,
      score: 0,
      priority: 'low',
      firstNoticeAt: at,
      status: 'open',
      appealIds: [],
      createdAt: at,
      updatedAt: at,
      version: 1,
    },
    input.policy ?? moderationPolicy,
  );
};

/** Content submitted for review before publication; its text, URLs and media hashes are sealed apart. */
export interface ReviewState {
  id: string;
  contentId: string;
  contentType: ContentType;
  authorRef: string;
  clientId: string;
  submittedAt: string;
  status: 'pending' | 'approved' | 'held' | 'human_review' | 'rejected';
  signals: string[];
  simhash?: string;
  decidedBy?: 'automated' | 'moderator';
  decidedAt?: string;
  restriction?: 'label' | 'demote';
  caseId?: string;
  statementId?: string;
  version: number;
}

/**
 * The worker's verdict on a pending review, as one change: approved automatically, or held or
 * sent to human review with a screening case opened for a moderator.
 */
export const screenReview = (input: {
  review: ReviewState;
  verdict: { outcome: ScreeningOutcome; signals: string[]; category: NoticeCategory };
  newCaseId: string;
  now: Date;
  policy?: ModerationPolicy;
}): { review: ReviewState; caseState?: CaseState; history: HistoryEntry[]; events: DomainEvent[]; counters: Counters } => {
  const { review: r, verdict, now } = input;
  const at = iso(now);
  const counters: Counters = { screened: 1, [`screening#${verdict.outcome}`]: 1 };
  if (verdict.outcome === 'approved') {
    return {
      review: { ...r, status: 'approved', decidedBy: 'automated', decidedAt: at, version: r.version + 1 },
      history: [],
      events: [{ type: 'content-review.decided', at, detail: { reviewId: r.id, contentId: r.contentId, status: 'approved', publishable: true, decidedBy: 'automated' } }],
      counters: { ...counters, decisions: 1, 'decisions#automated': 1 },
    };
  }
  const c = openScreeningCase({
    id: input.newCaseId,
    contentId: r.contentId,
    category: verdict.category,
    content: { reviewId: r.id, authorRef: r.authorRef, contentType: r.contentType, contentDate: r.submittedAt.slice(0, 10), ...(r.simhash && { simhash: r.simhash }) },
    signals: verdict.signals,
    now,
    ...(input.policy && { policy: input.policy }),
  });
  return {
    review: { ...r, status: verdict.outcome, signals: verdict.signals, caseId: c.id, version: r.version + 1 },
    caseState: c,
    history: [{ at, actor: { kind: 'system', id: 'content-review-worker' }, action: 'case-opened', details: { reviewId: r.id, signals: verdict.signals.join(' ') } }],
    events: [
      { type: 'content-review.screened', at, detail: { reviewId: r.id, contentId: r.contentId, status: verdict.outcome, publishable: false, caseId: c.id } },
      { type: 'moderation.case-opened', at, detail: { caseId: c.id, contentId: r.contentId, category: c.category, priority: c.priority, origin: 'screening' } },
    ],
    counters: { ...counters, casesOpened: 1 },
  };
};

/* ------------------------------------------------------------------------------ claiming */

const leaseHeld = (c: CaseState, moderatorId: string, now: Date) =>
  c.lease !== undefined && c.lease.moderatorId === moderatorId && Date.parse(c.lease.expiresAt) > now.getTime();

/** A moderator takes the case for a while; an expired lease is anyone's to take over. */
export const claimCase = (c: CaseState, moderatorId: string, now: Date, policy: ModerationPolicy = moderationPolicy) => {
  if (c.status !== 'open') throw new ModerationConflictError('case-decided', 'The case is decided; appeals go through /v1/appeals.');
  if (c.lease && c.lease.moderatorId !== moderatorId && Date.parse(c.lease.expiresAt) > now.getTime()) {
    throw new ModerationConflictError('already-claimed', `Another moderator holds this case until ${c.lease.expiresAt}.`);
  }
  const at = iso(now);
  const next: CaseState = {
    ...c,
    lease: { moderatorId, expiresAt: iso(new Date(now.getTime() + policy.leaseMs)) },
    updatedAt: at,
    version: c.version + 1,
  };
  const history: HistoryEntry[] = [
    {
      at,
      actor: { kind: 'staff', id: moderatorId },
      action: c.lease?.moderatorId === moderatorId ? 'lease-renewed' : 'claimed',
      details: { expiresAt: next.lease!.expiresAt, ...(c.lease && c.lease.moderatorId !== moderatorId && { takenOverFrom: c.lease.moderatorId }) },
    },
  ];
  return { caseState: next, history };
};

/* ------------------------------------------------------------------------------ deciding */

export interface DecisionInput {
  action: Action;
  /** Terms of service (incompatible content) or law (illegal content). */
  ground?: 'terms' | 'illegal';
  /** The clause of the terms, or the legal provision, relied on. */
  groundReference?: string;
  /** Why the content is incompatible with that clause or illegal under that provision. */
  groundExplanation?: string;
  /** The facts and circumstances relied on. */
  facts?: string;
  durationDays?: number;
  affectedAccountId?: string;
  accountType?: 'private' | 'business';
  contentType?: ContentType;
  contentDate?: string;
  territorialScope?: string[];
  contentLanguage?: string;
  /** Notices of this case that were manifestly unfounded (only with no_action). */
  unfoundedNoticeIds?: string[];
}

export interface StatementOfReasons {
  puid: string;
  caseId: string;
  createdAt: string;
  action: Restriction;
  durationDays?: number;
  /** The end of a temporary measure; absent = indefinite. */
  endsAt?: string;
  /** Who the measure affects: shown to them; never exported. */
  affectedAccountId?: string;
  accountType?: 'private' | 'business';
  ground: 'terms' | 'illegal';
  groundReference: string;
  groundExplanation: string;
  facts: string;
  /** Notice under Art. 16, a trusted flagger (Art. 22), or own initiative. */
  source: 'notice' | 'trusted_flagger' | 'own_initiative';
  automatedDetection: boolean;
  automatedDecision: 'fully' | 'partially' | 'not_automated';
  category: NoticeCategory;
  contentType: ContentType;
  contentDate: string;
  territorialScope?: string[];
  contentLanguage?: string;
  /** The statement this one replaces (a partly reversed appeal), if any. */
  replaces?: string;
  redress: string[];
}

const REDRESS = [
  'Internal complaint (appeal) within 6 months: POST /v1/appeals, decided by a different moderator (DSA Art. 20)',
  'Out-of-court dispute settlement body certified under DSA Art. 21',
  'Judicial redress before the competent national court',
];

/** Decisions of the platform's own choosing must not leak the people involved into public records. */
const PERSONAL_DATA_PATTERNS = [/[\w.+-]+@[\w-]+\.[\w.-]+/, /(?:\+|\b)\d[\d ().-]{7,}\d\b/];
const containsPersonalData = (text: string) => PERSONAL_DATA_PATTERNS.some((p) => p.test(text));

const addDays = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);

export interface CaseNoticeLink {
  noticeId: string;
  reporterKey: string;
  reporterKind: ReporterKind;
  accountId?: string;
  receivedAt: string;
  duplicate: boolean;
}

export interface ReporterDelta {
  reporterKey: string;
  reputation: number;
  accepted: number;
  rejected: number;
  unfounded: number;
}

export interface PendingReward {
  noticeId: string;
  caseId: string;
  reporterKey: string;
  accountId: string;
  points: number;
  status: 'pending' | 'held' | 'paid' | 'cancelled';
  /** When it may be credited: the end of the appeal window, or now once an appeal upheld it. */
  dueAt: string;
  createdAt: string;
}

/** The reward of the case's first rewardable notice, due at `dueAt`; none without such a notice. */
const rewardOf = (c: CaseState, dueAt: string, at: string): PendingReward | undefined =>
  c.firstRewardable && {
    noticeId: c.firstRewardable.noticeId,
    caseId: c.id,
    reporterKey: c.firstRewardable.reporterKey,
    accountId: c.firstRewardable.accountId,
    points: rewardPoints[c.category],
    status: 'pending',
    dueAt,
    createdAt: at,
  };

interface DecisionChange {
  caseState: CaseState;
  statement?: StatementOfReasons;
  reward?: PendingReward;
  reporterDeltas: ReporterDelta[];
  history: HistoryEntry[];
  events: DomainEvent[];
  counters: Counters;
}

const requireText = (value: string | undefined, field: string, max: number): string => {
  const text = value?.trim();
  if (!text) throw new ModerationInvalidError(field, 'Required for a restriction');
  if (text.length > max) throw new ModerationInvalidError(field, `Must be at most ${max} characters`);
  if (containsPersonalData(text)) {
    throw new ModerationInvalidError(field, 'Must not contain email addresses or phone numbers: statements of reasons are published');
  }
  return text;
};

/** Builds the statement of reasons of a restriction, refusing one that lacks an element the DSA requires. */
export const statementFor = (input: {
  caseState: CaseState;
  decision: DecisionInput & { action: Restriction };
  puid: string;
  now: Date;
  replaces?: string;
}): StatementOfReasons => {
  const { caseState: c, decision: d, now } = input;
  const ground = d.ground;
  if (!ground) throw new ModerationInvalidError('ground', 'Required for a restriction: terms or illegal');
  const temporary = d.action === 'restrict_account' || d.action === 'suspend_account';
  if (temporary && d.durationDays === undefined) throw new ModerationInvalidError('durationDays', `Required for ${d.action}`);
  if (d.action === 'terminate_account' && d.durationDays !== undefined) {
    throw new ModerationInvalidError('durationDays', 'A termination has no duration');
  }
  const affectedAccountId = d.affectedAccountId ?? c.content.authorRef;
  if (accountActions.includes(d.action) && !affectedAccountId) {
    throw new ModerationInvalidError('affectedAccountId', 'Required for an account measure (the content has no known author)');
  }
  const contentDate = d.contentDate ?? c.content.contentDate ?? c.firstNoticeAt.slice(0, 10);
  const source: StatementOfReasons['source'] = c.trustedNotices > 0 ? 'trusted_flagger' : c.noticeCount > 0 ? 'notice' : 'own_initiative';
  return {
    puid: input.puid,
    caseId: c.id,
    createdAt: iso(now),
    action: d.action,
    ...(d.durationDays !== undefined && { durationDays: d.durationDays, endsAt: iso(addDays(now, d.durationDays)) }),
    ...(affectedAccountId && { affectedAccountId }),
    ...(d.accountType && { accountType: d.accountType }),
    ground,
    groundReference: requireText(d.groundReference, 'groundReference', 500),
    groundExplanation: requireText(d.groundExplanation, 'groundExplanation', 2000),
    facts: requireText(d.facts, 'facts', 5000),
    source,
    automatedDetection: c.origin === 'screening',
    // Screening only flags content; every decision on a case is a moderator's.
    automatedDecision: 'not_automated',
    category: c.category,
    contentType: d.contentType ?? c.content.contentType ?? 'text',
    contentDate,
    ...(d.territorialScope && { territorialScope: d.territorialScope }),
    ...(d.contentLanguage && { contentLanguage: d.contentLanguage }),
    ...(input.replaces && { replaces: input.replaces }),
    redress: REDRESS,
  };
};

const reporterDeltas = (links: CaseNoticeLink[], action: Action, unfounded: Set<string>, policy: ModerationPolicy): ReporterDelta[] => {
  const byReporter = new Map<string, ReporterDelta>();
  for (const link of links) {
    if (link.duplicate) continue;
    const delta = byReporter.get(link.reporterKey) ?? { reporterKey: link.reporterKey, reputation: 0, accepted: 0, rejected: 0, unfounded: 0 };
    if (isRestriction(action)) {
      delta.accepted += 1;
      delta.reputation += policy.reputation.actionTaken;
    } else if (unfounded.has(link.noticeId)) {
      delta.unfounded += 1;
      delta.rejected += 1;
      delta.reputation += policy.reputation.unfounded;
    } else {
      delta.rejected += 1;
      delta.reputation += policy.reputation.noAction;
    }
    byReporter.set(link.reporterKey, delta);
  }
  return [...byReporter.values()].slice(0, MAX_TRACKED_REPORTERS);
};

/** A moderator's decision (screenReview counts the automated approvals). */
const decisionCounters = (c: CaseState, action: Action, now: Date): Counters => ({
  decisions: 1,
  'decisions#human': 1,
  [`actions#${action}`]: 1,
  ...(isRestriction(action) && { statements: 1 }),
  // Median time from notice to action: one sample per actioned case, from its first notice.
  ...(isRestriction(action) &&
    c.noticeCount > 0 && { [`noticeToAction#${firstResponseBucket(now.getTime() - Date.parse(c.firstNoticeAt))}`]: 1, noticesActioned: 1 }),
  // Screening measured against human decisions: a flagged item confirmed or not, an approved item later acted on.
  ...(c.origin === 'screening' && { [isRestriction(action) ? 'screening#truePositive' : 'screening#falsePositive']: 1 }),
  ...(c.origin === 'notice' && c.content.automatedApproval && isRestriction(action) && { 'screening#falseNegative': 1 }),
});

/** A moderator holding the case decides it. */
export const decideCase = (input: {
  caseState: CaseState;
  moderatorId: string;
  decision: DecisionInput;
  notices: CaseNoticeLink[];
  puid: string;
  now: Date;
  policy?: ModerationPolicy;
}): DecisionChange => {
  const { caseState: c, moderatorId, decision: d, now } = input;
  const policy = input.policy ?? moderationPolicy;
  if (c.status !== 'open') throw new ModerationConflictError('case-decided', 'The case is decided already.');
  if (!leaseHeld(c, moderatorId, now)) {
    throw new ModerationConflictError(
      c.lease?.moderatorId === moderatorId ? 'lease-expired' : 'claim-first',
      'Claim the case (POST .../claim) before deciding it; a claim lasts 15 minutes.',
    );
  }
  const unfounded = new Set(d.unfoundedNoticeIds ?? []);
  if (unfounded.size > 0 && d.action !== 'no_action') {
    throw new ModerationInvalidError('unfoundedNoticeIds', 'Only a decision not to act can find notices manifestly unfounded');
  }
  for (const id of unfounded) {
    if (!input.notices.some((n) => n.noticeId === id)) throw new ModerationInvalidError('unfoundedNoticeIds', `${id} is not a notice of this case`);
  }
  const at = iso(now);
  const statement = isRestriction(d.action)
    ? statementFor({ caseState: c, decision: { ...d, action: d.action }, puid: input.puid, now })
    : undefined;
  const affectedAccountId = statement?.affectedAccountId ?? d.affectedAccountId ?? c.content.authorRef;
  const decision: DecisionRecord = {
    action: d.action,
    by: moderatorId,
    at,
    ...(statement && { statementId: statement.puid }),
    ...(d.durationDays !== undefined && { durationDays: d.durationDays }),
    ...(affectedAccountId && { affectedAccountId }),
    unfoundedNoticeIds: [...unfounded],
  };
  const { lease: _lease, ...rest } = c;
  const next: CaseState = { ...rest, status: 'decided', decision, updatedAt: at, version: c.version + 1 };
  const reward = statement ? rewardOf(c, iso(new Date(now.getTime() + policy.appealWindowMs)), at) : undefined;
  return {
    caseState: next,
    ...(statement && { statement }),
    ...(reward && { reward }),
    reporterDeltas: reporterDeltas(input.notices, d.action, unfounded, policy),
    history: [
      {
        at,
        actor: { kind: 'staff', id: moderatorId },
        action: 'decided',
        details: {
          action: d.action,
          ...(statement && { statementId: statement.puid }),
          ...(d.durationDays !== undefined && { durationDays: d.durationDays }),
          unfounded: unfounded.size,
        },
      },
    ],
    events: [
      {
        type: 'moderation.decision-taken',
        at,
        detail: {
          caseId: c.id,
          contentId: c.contentId,
          action: d.action,
          automated: false,
          ...(statement && { statementId: statement.puid }),
          ...(statement?.endsAt && { endsAt: statement.endsAt }),
        },
      },
    ],
    counters: {
      ...decisionCounters(c, d.action, now),
      ...(d.ground && isRestriction(d.action) && { [`decisions#ground#${d.ground}`]: 1 }),
      ...(c.trustedNotices > 0 && { 'decisions#trustedFlagger': 1 }),
    },
  };
};

/* ------------------------------------------------------------------------------- appeals */

export const appealOutcomes = ['upheld', 'partly_reversed', 'reversed'] as const;
type AppealOutcome = (typeof appealOutcomes)[number];

export interface AppealState {
  id: string;
  caseId: string;
  appellantKind: 'affected' | 'reporter';
  appellantId: string;
  /** The decision appealed: its action and statement. */
  appealedAction: Action;
  statementId?: string;
  filedAt: string;
  status: 'pending' | 'decided';
  outcome?: AppealOutcome;
  decidedBy?: string;
  decidedAt?: string;
  /** A statement issued by the appeal (a lesser measure, or an action after a decision not to act). */
  newStatementId?: string;
  version: number;
}

export const fileAppeal = (input: {
  caseState: CaseState;
  appellantId: string;
  appellantKind: 'affected' | 'reporter';
  id: string;
  now: Date;
  policy?: ModerationPolicy;
}) => {
  const { caseState: c, now } = input;
  const policy = input.policy ?? moderationPolicy;
  const d = c.decision;
  if (!d) throw new ModerationConflictError('not-decided', 'The case is not decided yet: there is nothing to appeal.');
  if (now.getTime() - Date.parse(d.at) > policy.appealWindowMs) {
    throw new ModerationConflictError('appeal-window-closed', 'Appeals are open for 6 months after the decision.');
  }
  if (input.appellantKind === 'reporter' && d.action !== 'no_action') {
    throw new ModerationForbiddenError('Reporters may appeal a decision not to act; this decision acted on the content.');
  }
  if (input.appellantKind === 'affected' && !isRestriction(d.action)) {
    throw new ModerationForbiddenError('There is no restriction to appeal.');
  }
  if (c.status === 'appealed') throw new ModerationConflictError('appeal-pending', 'An appeal on this decision is being decided.');
  if (d.reversedAt) throw new ModerationConflictError('already-reversed', 'The decision was reversed already.');
  if (c.status === 'closed') throw new ModerationConflictError('appeal-decided', 'An appeal on this decision was decided; the reply is final here.');
  const at = iso(now);
  const appeal: AppealState = {
    id: input.id,
    caseId: c.id,
    appellantKind: input.appellantKind,
    appellantId: input.appellantId,
    appealedAction: d.action,
    ...(d.statementId && { statementId: d.statementId }),
    filedAt: at,
    status: 'pending',
    version: 1,
  };
  const next: CaseState = { ...c, status: 'appealed', appealIds: [...c.appealIds, appeal.id], updatedAt: at, version: c.version + 1 };
  return {
    appeal,
    caseState: next,
    history: [{ at, actor: { kind: 'user' as const, id: input.appellantId }, action: 'appealed', details: { appealId: appeal.id, by: input.appellantKind } }],
    events: [{ type: 'moderation.appeal-filed', at, detail: { appealId: appeal.id, caseId: c.id, by: input.appellantKind } }],
    counters: { appeals: 1, [`appeals#by#${input.appellantKind}`]: 1 } as Counters,
  };
};

/** Lesser measures a partial reversal may replace each restriction with. */
const lesser: Record<Restriction, Restriction[]> = {
  terminate_account: ['suspend_account', 'restrict_account', 'remove', 'demote', 'label'],
  suspend_account: ['restrict_account', 'remove', 'demote', 'label'],
  restrict_account: ['remove', 'demote', 'label'],
  remove: ['demote', 'label'],
  demote: ['label'],
  label: [],
};

export interface AppealDecisionInput {
  outcome: AppealOutcome;
  /** Why: stored with the appeal and shown to the appellant. */
  explanation: string;
  /** partly_reversed: the lesser measure; reversed on a decision not to act: the action now taken. */
  decision?: DecisionInput;
}

export const decideAppeal = (input: {
  caseState: CaseState;
  appeal: AppealState;
  moderatorId: string;
  decision: AppealDecisionInput;
  puid: string;
  now: Date;
  notices: CaseNoticeLink[];
  policy?: ModerationPolicy;
}) => {
  const { caseState: c, appeal, moderatorId, decision: d, now } = input;
  const policy = input.policy ?? moderationPolicy;
  if (appeal.status !== 'pending') throw new ModerationConflictError('appeal-decided', 'The appeal is decided already.');
  const original = c.decision;
  if (!original || c.status !== 'appealed') throw new ModerationConflictError('not-appealed', 'The case has no pending appeal.');
  // Art. 20(6): not solely automated, and here never by the moderator who took the decision.
  if (original.by === moderatorId) {
    throw new ModerationForbiddenError('An appeal is decided by a different moderator than the one who took the decision.');
  }
  const at = iso(now);
  const staff = { kind: 'staff' as const, id: moderatorId };
  let statement: StatementOfReasons | undefined;
  let decision: DecisionRecord = original;
  let reward: PendingReward | undefined;
  let rewardMove: 'release' | 'cancel' | undefined;
  const events: DomainEvent[] = [];
  let reporterDeltasOut: ReporterDelta[] = [];
  const counters: Counters = { [`appeals#outcome#${d.outcome}`]: 1 };

  if (d.outcome === 'upheld') {
    rewardMove = 'release';
  } else if (isRestriction(original.action)) {
    if (d.outcome === 'reversed') {
      decision = { ...original, reversedAt: at };
      rewardMove = 'cancel';
      counters.reversals = 1;
      events.push({
        type: 'moderation.action-reversed',
        at,
        detail: {
          caseId: c.id,
          contentId: c.contentId,
          undo: original.action,
          ...(original.statementId && { statementId: original.statementId }),
        },
      });
    } else {
      const replacement = d.decision?.action;
      if (!replacement || !isRestriction(replacement) || !lesser[original.action].includes(replacement)) {
        throw new ModerationInvalidError(
          'decision.action',
          `A partial reversal replaces ${original.action} with a lesser measure: ${lesser[original.action].join(', ') || 'none exists'}`,
        );
      }
      statement = statementFor({
        caseState: c,
        decision: { ...d.decision!, action: replacement, affectedAccountId: d.decision?.affectedAccountId ?? original.affectedAccountId },
        puid: input.puid,
        now,
        ...(original.statementId && { replaces: original.statementId }),
      });
      decision = { ...original, replacedBy: { action: replacement, statementId: statement.puid, at } };
      rewardMove = 'release';
      counters.partialReversals = 1;
      counters.statements = 1;
      events.push({
        type: 'moderation.action-reduced',
        at,
        detail: { caseId: c.id, contentId: c.contentId, from: original.action, to: replacement, statementId: statement.puid },
      });
    }
  } else {
    // A reporter's appeal against a decision not to act.
    if (d.outcome === 'partly_reversed') {
      throw new ModerationInvalidError('outcome', 'A decision not to act is upheld or reversed (with the action to take).');
    }
    const action = d.decision?.action;
    if (!action || !isRestriction(action)) {
      throw new ModerationInvalidError('decision.action', 'Reversing a decision not to act takes an action: give the decision.');
    }
    statement = statementFor({ caseState: c, decision: { ...d.decision!, action }, puid: input.puid, now });
    decision = {
      action,
      by: moderatorId,
      at,
      statementId: statement.puid,
      ...(d.decision?.durationDays !== undefined && { durationDays: d.decision.durationDays }),
      ...(statement.affectedAccountId && { affectedAccountId: statement.affectedAccountId }),
      unfoundedNoticeIds: [],
    };
    counters.reversals = 1;
    counters.statements = 1;
    Object.assign(counters, { [`actions#${action}`]: 1 });
    // The reporters were right after all: their earlier "rejected" becomes "accepted".
    reporterDeltasOut = reporterDeltas(input.notices, action, new Set(), policy).map((delta) => ({
      ...delta,
      reputation: delta.reputation - policy.reputation.noAction,
      rejected: -delta.accepted,
    }));
    // The appeal itself confirmed the action: nothing is left to wait for.
    reward = rewardOf(c, at, at);
    events.push({
      type: 'moderation.decision-taken',
      at,
      detail: {
        caseId: c.id,
        contentId: c.contentId,
        action,
        automated: false,
        statementId: statement.puid,
        onAppeal: true,
        ...(statement.endsAt && { endsAt: statement.endsAt }),
      },
    });
  }
  if (d.outcome === 'reversed' && isRestriction(original.action)) {
    // The affected user was right: the reporters' "accepted" becomes "rejected".
    reporterDeltasOut = reporterDeltas(input.notices, original.action, new Set(), policy).map((delta) => ({
      ...delta,
      reputation: -delta.reputation + policy.reputation.noAction,
      accepted: -delta.accepted,
      rejected: delta.accepted,
    }));
  }

  const decidedAppeal: AppealState = {
    ...appeal,
    status: 'decided',
    outcome: d.outcome,
    decidedBy: moderatorId,
    decidedAt: at,
    ...(statement && { newStatementId: statement.puid }),
    version: appeal.version + 1,
  };
  const next: CaseState = { ...c, status: 'closed', decision, updatedAt: at, version: c.version + 1 };
  events.push({
    type: 'moderation.appeal-decided',
    at,
    detail: { appealId: appeal.id, caseId: c.id, outcome: d.outcome, ...(statement && { statementId: statement.puid }) },
  });
  return {
    appeal: decidedAppeal,
    caseState: next,
    ...(statement && { statement }),
    ...(reward && { reward }),
    rewardMove,
    reporterDeltas: reporterDeltasOut,
    history: [
      {
        at,
        actor: staff,
        action: 'appeal-decided',
        details: { appealId: appeal.id, outcome: d.outcome, ...(statement && { statementId: statement.puid }) },
      },
    ] as HistoryEntry[],
    events,
    counters,
  };
};

/* ----------------------------------------------------------------------- misuse (Art. 23) */

export interface ReporterProfile {
  reporterKey: string;
  reputation: number;
  accepted: number;
  rejected: number;
  /** Manifestly unfounded notices since the last warning or suspension. */
  strikes: number;
  warnedAt?: string;
  suspendedUntil?: string;
  suspensions: number;
  version: number;
}

export const emptyProfile = (reporterKey: string): ReporterProfile => ({
  reporterKey,
  reputation: 0,
  accepted: 0,
  rejected: 0,
  strikes: 0,
  suspensions: 0,
  version: 0,
});

export const isSuspended = (profile: ReporterProfile | undefined, now: Date) =>
  profile?.suspendedUntil !== undefined && Date.parse(profile.suspendedUntil) > now.getTime();

/**
 * Art. 23: after a prior warning, suspend for a reasonable period reporters who frequently file
 * manifestly unfounded notices. Returns the step to take, or undefined. Each suspension lasts
 * twice the previous one.
 */
export const misuseStep = (profile: ReporterProfile, now: Date, policy: ModerationPolicy = moderationPolicy) => {
  const at = iso(now);
  if (isSuspended(profile, now)) return undefined;
  if (profile.warnedAt && profile.strikes >= policy.misuse.suspendAfter) {
    const until = iso(new Date(now.getTime() + policy.misuse.suspensionMs * 2 ** profile.suspensions));
    const { warnedAt: _warned, ...rest } = profile;
    return {
      kind: 'suspended' as const,
      profile: { ...rest, strikes: 0, suspendedUntil: until, suspensions: profile.suspensions + 1, version: profile.version + 1 },
      // No reporter id in the event (events never name a person): it says that a suspension happened.
      event: { type: 'moderation.reporter-suspended', at, detail: { until, suspensions: profile.suspensions + 1 } } as DomainEvent,
      counters: { 'misuse#suspensions': 1 } as Counters,
    };
  }
  if (!profile.warnedAt && profile.strikes >= policy.misuse.warnAfter) {
    return {
      kind: 'warned' as const,
      profile: { ...profile, warnedAt: at, version: profile.version + 1 },
      event: { type: 'moderation.reporter-warned', at, detail: {} } as DomainEvent,
      counters: { 'misuse#warnings': 1 } as Counters,
    };
  }
  return undefined;
};

/* ------------------------------------------------------------------------ what people see */

export const noticeOutcomes = ['under_review', 'action_taken', 'no_action', 'already_actioned', 'reversed_on_appeal'] as const;
type NoticeOutcome = (typeof noticeOutcomes)[number];

/** The outcome of a notice as its reporter sees it, derived from its case (no fan-out writes). */
export const noticeOutcome = (notice: NoticeState, c: CaseState | undefined): NoticeOutcome => {
  if (notice.status === 'received') return 'under_review';
  if (notice.status === 'closed') return 'already_actioned';
  const d = c?.decision;
  if (!d) return 'under_review';
  if (d.reversedAt) return 'reversed_on_appeal';
  return isRestriction(d.action) ? 'action_taken' : 'no_action';
};
