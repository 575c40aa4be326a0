import { MAX_TRACKED_REPORTERS, type CaseState, type ContentFacts } from '#shared/moderation/domain/case.ts';
import { rescore } from '#shared/moderation/domain/case-score.ts';
import { iso, type Counters, type DomainEvent, type HistoryEntry } from '#shared/moderation/domain/change.ts';
import { ModerationConflictError } from '#shared/moderation/domain/errors.ts';
import type { NoticeState } from '#shared/moderation/domain/notice.ts';
import { moderationPolicy, type ModerationPolicy } from '#shared/moderation/domain/policy.ts';
import { isOwnContent } from '#shared/moderation/domain/separation-of-duties.ts';

/**
 * Triage of a notice taken off the reports queue: it joins the open case of its target, opens a
 * case, or is closed when the target was removed already.
 */

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

interface TriageInput {
  notice: NoticeState;
  /** The target's current case, if any. */
  current?: CaseState;
  content: ContentFacts;
  reporterReputation: number;
  newCaseId: string;
  now: Date;
  policy?: ModerationPolicy;
}

type Rewardable = NonNullable<CaseState['firstRewardable']>;

const SYSTEM = { kind: 'system' as const, id: 'reports-consumer' };

const noticeCounters = (notice: NoticeState): Counters => ({
  notices: 1,
  [`notices#category#${notice.category}`]: 1,
  [`notices#source#${notice.reporterKind}`]: 1,
});

/**
 * Notices from an account may earn a reward; anonymous and trusted-flagger notices never do, nor
 * a notice on the reporter's own content.
 */
const rewardableOf = (notice: NoticeState, content: ContentFacts): Rewardable | undefined =>
  notice.reporterKind === 'user' && notice.accountId && !isOwnContent(notice.accountId, content)
    ? { noticeId: notice.id, reporterKey: notice.reporterKey, accountId: notice.accountId, receivedAt: notice.receivedAt }
    : undefined;

/** The target's content is gone for good: removed, or replaced by a removal on appeal, and not reversed. */
const targetRemoved = (c: CaseState) =>
  c.status !== 'open' && c.decision !== undefined && !c.decision.reversedAt && (c.decision.action === 'remove' || c.decision.replacedBy?.action === 'remove');

const triaged = (notice: NoticeState, caseId: string, at: string, duplicate = false): NoticeState => ({
  ...notice,
  status: 'triaged',
  caseId,
  ...(duplicate && { duplicate: true }),
  updatedAt: at,
  version: notice.version + 1,
});

/** A notice on content removed already is closed; its notifier is still owed the decision (DSA Art. 16(5)), hence its event. */
const closeOnRemovedContent = (notice: NoticeState, current: CaseState, at: string): TriageResult => ({
  notice: { ...notice, status: 'closed', caseId: current.id, updatedAt: at, version: notice.version + 1 },
  opened: false,
  history: [{ at, actor: SYSTEM, action: 'notice-on-removed-content', details: { noticeId: notice.id } }],
  events: [{ type: 'moderation.notice-closed', at, detail: { noticeId: notice.id, caseId: current.id, reason: 'already_actioned' } }],
  counters: { ...noticeCounters(notice), 'notices#already-actioned': 1 },
});

/** The case with one more notice counted in: reporters, sources, harm, reputation, the first notice and reward. */
const withNotice = (current: CaseState, input: TriageInput, duplicate: boolean, at: string): CaseState => {
  const { notice } = input;
  const tracked = duplicate || current.reporters.length >= MAX_TRACKED_REPORTERS;
  const rewardable = duplicate ? undefined : rewardableOf(notice, { ...current.content, ...input.content });
  // Queue order is not arrival order: the earliest received notice from an account is the first.
  const firstRewardable =
    rewardable && (!current.firstRewardable || rewardable.receivedAt < current.firstRewardable.receivedAt) ? rewardable : current.firstRewardable;
  return {
    ...current,
    reporters: tracked ? current.reporters : [...current.reporters, notice.reporterKey],
    noticeCount: current.noticeCount + 1,
    trustedNotices: current.trustedNotices + (notice.reporterKind === 'trusted_flagger' ? 1 : 0),
    anonymousNotices: current.anonymousNotices + (notice.reporterKind === 'anonymous' ? 1 : 0),
    financialHarm: current.financialHarm || notice.financialHarm,
    maxReputation: Math.max(current.maxReputation, input.reporterReputation),
    firstNoticeAt: notice.receivedAt < current.firstNoticeAt ? notice.receivedAt : current.firstNoticeAt,
    ...(firstRewardable && { firstRewardable }),
    updatedAt: at,
    version: current.version + 1,
  };
};

const mergeIntoCase = (current: CaseState, input: TriageInput, policy: ModerationPolicy, at: string): TriageResult => {
  const { notice } = input;
  const duplicate = current.reporters.includes(notice.reporterKey);
  const merged = rescore(withNotice(current, input, duplicate, at), policy);
  return {
    notice: triaged(notice, current.id, at, duplicate),
    caseState: merged,
    opened: false,
    history: [
      { at, actor: SYSTEM, action: 'notice-merged', details: { noticeId: notice.id, source: notice.reporterKind, duplicate, priority: merged.priority } },
    ],
    events: [
      {
        type: 'moderation.notice-merged',
        at,
        detail: { caseId: merged.id, noticeId: notice.id, priority: merged.priority, noticeCount: merged.noticeCount },
      },
    ],
    counters: { ...noticeCounters(notice), ...(duplicate && { 'notices#duplicate': 1 }) },
  };
};

const caseOfFirstNotice = (input: TriageInput, at: string): CaseState => {
  const { notice } = input;
  const rewardable = rewardableOf(notice, input.content);
  return {
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
  };
};

const openCase = (input: TriageInput, policy: ModerationPolicy, at: string): TriageResult => {
  const { notice } = input;
  const opened = rescore(caseOfFirstNotice(input, at), policy);
  return {
    notice: triaged(notice, opened.id, at),
    caseState: opened,
    opened: true,
    history: [{ at, actor: SYSTEM, action: 'case-opened', details: { noticeId: notice.id, source: notice.reporterKind, priority: opened.priority } }],
    events: [
      {
        type: 'moderation.case-opened',
        at,
        detail: { caseId: opened.id, contentId: opened.contentId, category: opened.category, priority: opened.priority, origin: 'notice' },
      },
    ],
    counters: { ...noticeCounters(notice), casesOpened: 1 },
  };
};

/**
 * A notice taken off the reports queue. It joins the open case of its target (one case per
 * target), or opens one; on content already removed it is closed as already acted on.
 */
export const triage = (input: TriageInput): TriageResult => {
  const { notice, current } = input;
  const policy = input.policy ?? moderationPolicy;
  if (notice.status !== 'received') throw new ModerationConflictError('already-triaged', 'The notice was triaged before');
  const at = iso(input.now);
  if (current && targetRemoved(current)) return closeOnRemovedContent(notice, current, at);
  if (current?.status === 'open') return mergeIntoCase(current, input, policy, at);
  return openCase(input, policy, at);
};
