import { fullScope } from '#shared/manifest/platform.ts';
import { hasRole, hasScope, type Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { Outbox } from '#shared/events/outbox.ts';
import type { FiguresStore, TransactItem } from '#shared/figures/store.ts';
import { newId } from '#shared/ids.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import {
  claimCase,
  decideAppeal,
  decideCase,
  emptyProfile,
  fileAppeal as newAppeal,
  isSuspended,
  misuseStep,
  ModerationConflictError,
  ModerationForbiddenError,
  noticeOutcome,
  screenReview,
  targetKeyOf,
  triage,
  type AppealDecisionInput,
  type AppealState,
  type CaseState,
  type ContentFacts,
  type DecisionInput,
  type DomainEvent,
  type NoticePersonalData,
  type NoticeState,
  type ReporterKind,
  type ReviewState,
  type StatementOfReasons,
} from '#shared/moderation/domain.ts';
import type { FiguresQuery } from '#shared/figures/query.ts';
import { figuresView } from '#shared/moderation/figures.ts';
import { moderationPolicy } from '#shared/moderation/policy.ts';
import {
  DuplicateError,
  PageKeySchema,
  VersionConflictError,
  type ModerationRepository,
  type PageKey,
} from '#shared/moderation/repository.ts';
import type {
  AnonymousReportRequest,
  ContentReviewRequest,
  ContentReviewView,
  CreateReportRequest,
  ReportView,
} from '#shared/moderation/schemas.ts';
import {
  applyRules,
  extractPaymentAccounts,
  extractPhones,
  extractUrls,
  normaliseMediaHash,
  normalisePaymentAccount,
  normalisePhone,
  normaliseUrl,
  screeningVerdict,
  urlKeys,
  type BlocklistKind,
} from '#shared/moderation/screening.ts';
import { anonymousAppellantOf, followUpTokenMatches, followUpTokenOf } from '#shared/moderation/follow-up.ts';
import { mailboxOf } from '#shared/moderation/mailbox.ts';
import { limitedAddressOf } from '#shared/moderation/source-address.ts';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE, simhash } from '#shared/moderation/simhash.ts';
import { toTransparencyStatement, transparencyErrors } from '#shared/moderation/transparency-db.ts';
import { accountActions, isRestriction } from '#shared/moderation/taxonomy.ts';
import { encodeCursor, LIST_LIMIT_DEFAULT, resumeAfter } from '#shared/pagination.ts';

const NOTICE_ENTITY = 'moderation-notice';
const APPEAL_ENTITY = 'moderation-appeal';
const REVIEW_ENTITY = 'content-review';
const BLOCKLIST_ENTITY = 'blocklist-value';

const moderatorRoles = ['moderator', 'admin'] as const;
export const figuresReaderRoles = ['moderator', 'admin', 'comms'] as const;
const exportReaderRoles = ['comms', 'admin'] as const;

export class ReportingSuspendedError extends Error {
  override name = 'ReportingSuspendedError';
  constructor(readonly until: string) {
    super(`Reporting is suspended until ${until} after repeated manifestly unfounded notices (DSA Art. 23).`);
  }
}
/** The queue did not take the message; the request left nothing behind and may be retried. */
export class QueueUnavailableError extends Error {
  override name = 'QueueUnavailableError';
}

export interface QueueSender {
  send(queue: 'reports' | 'contentReview', body: Record<string, unknown>): Promise<void>;
}

interface ReviewPersonal {
  text?: string;
  urls: string[];
  mediaHashes: string[];
}

type Logger = Pick<import('@aws-lambda-powertools/logger').Logger, 'warn'>;

/** A normalised URL key stays well inside DynamoDB's 1,024-byte sort key. */
const MAX_URL_KEY = 900;

export const createModerationService = (deps: {
  repository: ModerationRepository;
  cipher: PersonalDataCipher;
  pseudonyms: Pseudonymizer;
  /** Domain events are written in their change's transaction and published after the commit. */
  outbox: Outbox;
  figures: FiguresStore;
  queues: QueueSender;
  clock: Clock;
  logger: Logger;
}) => {
  const { repository: repo, cipher, pseudonyms, outbox, figures, queues, clock, logger } = deps;
  const policy = moderationPolicy;

  const isModerator = (caller: Caller) => caller.kind === 'person' && hasRole(caller, ...moderatorRoles);
  const requireModerator = (caller: Caller) => {
    if (!isModerator(caller)) throw new ModerationForbiddenError('Only moderators (moderator, admin) may do this.');
  };
  const requirePerson = (caller: Caller) => {
    if (caller.kind !== 'person') throw new ModerationForbiddenError('Platform clients use /v1/content-reviews only.');
  };
  /** Where a list resumes; `belongs` says whether the cursor's key is one of this list. */
  const after = (cursor: string | undefined, belongs: (key: PageKey) => boolean): PageKey | undefined =>
    resumeAfter(cursor, PageKeySchema, belongs);

  /** Limits per source address count an IPv6 client by its /64 (shared/moderation/source-address.ts). */
  const addressKeyOf = (sourceAddress: string) => pseudonyms.pseudonym('notifier-address', limitedAddressOf(sourceAddress));

  /** Read, decide, write; on a concurrent change, read and decide again. */
  const retrying = <T>(attempt: () => Promise<T>): Promise<T> =>
    retryOnConflict((error) => error instanceof VersionConflictError, attempt);

  /* ---------------------------------------------------------------------------- notices */

  const enqueueNotice = async (
    reporter: { key: string; kind: ReporterKind; accountId?: string },
    input: CreateReportRequest,
    personal: NoticePersonalData,
  ) => {
    const now = clock.now();
    const profile = await repo.getProfile(reporter.key);
    if (isSuspended(profile, now)) throw new ReportingSuspendedError(profile!.suspendedUntil!);
    const notice: NoticeState = {
      id: newId('ntc', now),
      reporterKey: reporter.key,
      reporterKind: reporter.kind,
      ...(reporter.accountId && { accountId: reporter.accountId }),
      category: input.category,
      contentId: input.contentId,
      contentUrl: input.contentUrl,
      targetKey: targetKeyOf(input.contentId),
      financialHarm: input.financialHarm === true,
      receivedAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
      status: 'received',
    };
    await repo.createNotice(notice, await cipher.seal(NOTICE_ENTITY, notice.id, { ...personal }));
    try {
      // The message names the notice only: the queue never carries personal data.
      await queues.send('reports', { noticeId: notice.id });
    } catch (error) {
      await repo.deleteNotice(notice.id).catch(() => undefined);
      logger.warn('Notice not queued', { errorName: (error as Error).name });
      throw new QueueUnavailableError('The notice could not be queued; nothing was stored. Retry.');
    }
    return { id: notice.id, status: 'received' as const, receivedAt: notice.receivedAt, category: notice.category, contentId: notice.contentId };
  };

  const reportView = async (stored: { state: NoticeState; personalData: Uint8Array }, withExplanation: boolean): Promise<ReportView> => {
    const notice = stored.state;
    const c = notice.caseId ? await repo.getCase(notice.caseId) : undefined;
    const outcome = noticeOutcome(notice, c);
    const d = c?.decision;
    const decided = outcome !== 'under_review' && outcome !== 'already_actioned' && d;
    return {
      id: notice.id,
      category: notice.category,
      contentId: notice.contentId,
      contentUrl: notice.contentUrl,
      receivedAt: notice.receivedAt,
      outcome,
      ...(decided && { decidedAt: d.at, action: d.replacedBy?.action ?? d.action }),
      ...(decided && !d.reversedAt && (d.replacedBy?.statementId ?? d.statementId) && { statementId: d.replacedBy?.statementId ?? d.statementId }),
      ...(decided && d.unfoundedNoticeIds.includes(notice.id) && { manifestlyUnfounded: true }),
      ...(decided && d.action === 'no_action' && !d.reversedAt && { caseId: c!.id }),
      // Only while an appeal can still be filed: not once one is pending or decided.
      ...(decided && d.action === 'no_action' && !d.reversedAt && c!.status === 'decided' && {
        appealableUntil: new Date(Date.parse(d.at) + policy.appealWindowMs).toISOString(),
      }),
      ...(withExplanation && {
        explanation: (await cipher.open<NoticePersonalData & Record<string, unknown>>(NOTICE_ENTITY, notice.id, stored.personalData)).explanation,
      }),
    };
  };

  /* ---------------------------------------------------------------------- content facts */

  const contentFacts = async (contentId: string): Promise<ContentFacts> => {
    const reviewId = await repo.reviewOfContent(contentId);
    const review = reviewId ? await repo.getReview(reviewId) : undefined;
    if (!review) return {};
    const r = review.state;
    return {
      reviewId: r.id,
      authorRef: r.authorRef,
      contentType: r.contentType,
      contentDate: r.submittedAt.slice(0, 10),
      ...(r.simhash && { simhash: r.simhash }),
      automatedApproval: r.status === 'approved' && r.decidedBy === 'automated',
    };
  };

  /** What a decided case does to its content review (screening cases) and to the near-duplicate index. */
  const reviewFollowUp = async (c: CaseState, now: Date): Promise<{ items: TransactItem[]; events: DomainEvent[] }> => {
    const items: TransactItem[] = [];
    const events: DomainEvent[] = [];
    const d = c.decision;
    if (!d) return { items, events };
    const effective = d.reversedAt ? 'no_action' : (d.replacedBy?.action ?? d.action);
    if (effective === 'remove' && c.content.simhash) items.push(...repo.simhashItems(c.contentId, c.content.simhash));
    if (c.content.reviewId) {
      const review = await repo.getReview(c.content.reviewId);
      if (review) {
        const r = review.state;
        const rejected = effective === 'remove' || accountActions.includes(effective);
        const restriction = effective === 'label' || effective === 'demote' ? effective : undefined;
        const status: ReviewState['status'] = rejected ? 'rejected' : 'approved';
        if (r.status !== status || r.restriction !== restriction) {
          const { restriction: _old, ...rest } = r;
          const next: ReviewState = {
            ...rest,
            status,
            ...(restriction && { restriction }),
            decidedBy: 'moderator',
            decidedAt: now.toISOString(),
            caseId: c.id,
            ...((d.replacedBy?.statementId ?? d.statementId) && { statementId: d.replacedBy?.statementId ?? d.statementId }),
            version: r.version + 1,
          };
          items.push(repo.reviewUpdateItem(next, review.personalData));
          events.push({
            type: 'content-review.decided',
            at: now.toISOString(),
            detail: { reviewId: r.id, contentId: r.contentId, status, publishable: status === 'approved', decidedBy: 'moderator', ...(restriction && { restriction }) },
          });
        }
      }
    }
    return { items, events };
  };

  const applyMisuse = async (reporterKeys: string[]) => {
    for (const key of reporterKeys) {
      await retrying(async () => {
        const profile = await repo.getProfile(key);
        if (!profile) return;
        const now = clock.now();
        const step = misuseStep(profile, now, policy);
        if (!step) return;
        const events = outbox.stage([step.event], now);
        await repo.putProfile(step.profile, profile.version, step.counters, now, events.items);
        await outbox.afterCommit(events);
      });
    }
  };

  /** What the affected user and staff see of a statement: its elements, without the account, and where its appeal stands. */
  const statementView = async (s: StatementOfReasons) => {
    const c = await repo.getCase(s.caseId);
    const appealId = c?.appealIds.at(-1);
    const appeal = appealId ? (await repo.getAppeal(appealId))?.state : undefined;
    const { affectedAccountId: _affected, accountType: _type, territorialScope: _scope, contentLanguage: _lang, ...shown } = s;
    return {
      ...shown,
      appeal: {
        status: appeal ? appeal.status : ('none' as const),
        ...(appeal?.outcome && { outcome: appeal.outcome }),
        appealableUntil: new Date(Date.parse(c?.decision?.at ?? s.createdAt) + policy.appealWindowMs).toISOString(),
      },
    };
  };

  const appealView = async (
    stored: { state: AppealState; personalData?: Uint8Array },
    known?: { explanation: string; decisionExplanation?: string },
  ) => {
    const personal =
      known ?? (await cipher.open<{ explanation: string; decisionExplanation?: string }>(APPEAL_ENTITY, stored.state.id, stored.personalData!));
    const a = stored.state;
    return {
      id: a.id,
      caseId: a.caseId,
      appellant: a.appellantKind,
      appealedAction: a.appealedAction,
      ...(a.statementId && { statementId: a.statementId }),
      filedAt: a.filedAt,
      status: a.status,
      ...(a.outcome && { outcome: a.outcome }),
      ...(a.decidedAt && { decidedAt: a.decidedAt }),
      ...(a.newStatementId && { newStatementId: a.newStatementId }),
      explanation: personal.explanation,
      ...(personal.decisionExplanation && { decisionExplanation: personal.decisionExplanation }),
    };
  };

  /**
   * Files `appellant`'s appeal on the decision of the case `resolve` reads (again on each retry).
   * The same rules for everyone: one appeal per appellant and decision (the APPEAL-BY pointer),
   * then the domain's window, standing and state checks.
   */
  const fileAppealAs = async (
    resolve: () => Promise<{ caseState: CaseState; appellantId: string; kind: 'affected' | 'reporter' }>,
    explanation: string,
  ) => {
    const result = await retrying(async () => {
      const { caseState: c, appellantId, kind } = await resolve();
      const decisionKey = c.decision?.statementId ?? 'no-action';
      if ((await repo.appealPointers(c.id, appellantId)).some((p) => p.decision === decisionKey)) {
        throw new ModerationConflictError('already-appealed', 'You appealed this decision before.');
      }
      const now = clock.now();
      const filed = newAppeal({ caseState: c, appellantId, appellantKind: kind, id: newId('apl', now), now, policy });
      const sealed = await cipher.seal(APPEAL_ENTITY, filed.appeal.id, { explanation });
      const reward = c.firstRewardable && kind === 'affected' ? await repo.getReward(c.firstRewardable.noticeId) : undefined;
      const events = outbox.stage(filed.events, now);
      // On a conflict `retrying` reads again: a concurrent appeal by the same appellant then meets its pointer above.
      await repo.write([
        repo.caseVersionedItem(filed.caseState),
        ...repo.appealFilingItems(filed.appeal, sealed, reward?.status === 'pending' ? reward.noticeId : undefined),
        ...repo.historyItems(c.id, filed.caseState.version, filed.history),
        ...repo.figureItems(now, filed.counters),
        ...events.items,
      ]);
      return { ...filed, staged: events };
    });
    await outbox.afterCommit(result.staged);
    return appealView({ state: result.appeal }, { explanation });
  };

  /**
   * The anonymous notice the token opens, or NotFoundError: an unknown id, a notice filed from an
   * account and a wrong or missing token all get the same answer. Each try counts against the
   * source address's limit, so tokens cannot be tried cheaply.
   */
  const anonymousNotice = async (noticeId: string, token: string | undefined, sourceAddress: string) => {
    const addressKey = await addressKeyOf(sourceAddress);
    const { limit, windowMs } = policy.rateLimits.anonymousAddress;
    await repo.take(`addr-follow-up:${addressKey}`, limit, windowMs, clock.now());
    // The token is derived whether or not the notice exists: every refusal costs the same.
    const [stored, tokenMatches] = await Promise.all([repo.getNotice(noticeId), followUpTokenMatches(pseudonyms, noticeId, token)]);
    if (!stored || stored.state.reporterKind !== 'anonymous' || !tokenMatches) throw new NotFoundError(`No notice ${noticeId} for this follow-up token`);
    return stored;
  };

  const reviewView = (r: ReviewState): ContentReviewView => ({
    id: r.id,
    contentId: r.contentId,
    status: r.status,
    publishable: r.status === 'approved',
    ...(r.restriction && { restriction: r.restriction }),
    ...(r.decidedBy && { decidedBy: r.decidedBy }),
    signals: r.signals,
    ...(r.caseId && { caseId: r.caseId }),
    ...(r.statementId && { statementId: r.statementId }),
    submittedAt: r.submittedAt,
    ...(r.decidedAt && { decidedAt: r.decidedAt }),
  });

  const caseView = (c: CaseState) => ({
    id: c.id,
    contentId: c.contentId,
    ...(c.contentUrl && { contentUrl: c.contentUrl }),
    category: c.category,
    origin: c.origin,
    status: c.status,
    priority: c.priority,
    score: c.score,
    noticeCount: c.noticeCount,
    reporterCount: c.reporters.length,
    trustedNotices: c.trustedNotices,
    financialHarm: c.financialHarm,
    signals: c.signals,
    firstNoticeAt: c.firstNoticeAt,
    ...(c.lease && { lease: c.lease }),
    ...(c.decision && {
      decision: {
        action: c.decision.action,
        by: c.decision.by,
        at: c.decision.at,
        ...(c.decision.statementId && { statementId: c.decision.statementId }),
        ...(c.decision.durationDays !== undefined && { durationDays: c.decision.durationDays }),
        ...(c.decision.reversedAt && { reversedAt: c.decision.reversedAt }),
        ...(c.decision.replacedBy && { replacedBy: c.decision.replacedBy }),
      },
    }),
    ...(c.content.reviewId && { reviewId: c.content.reviewId }),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  });

  /**
   * Value keys of a blocklist: identifiers of people (phones, accounts) only as keyed pseudonyms.
   * A value that is not what its list holds has no key (refused), and no key outgrows a sort key.
   */
  const valueKeys = async (kind: BlocklistKind, value: string): Promise<string[]> => {
    switch (kind) {
      case 'media_hash': {
        const hash = normaliseMediaHash(value);
        return /^[0-9a-f]{16,128}$/.test(hash) ? [hash] : [];
      }
      case 'url': {
        const normal = normaliseUrl(value.includes('://') ? value : `https://${value}`);
        return normal && normal.length <= MAX_URL_KEY ? [normal] : [];
      }
      case 'phone': {
        const phone = normalisePhone(value);
        return /^\+\d{5,20}$/.test(phone) ? [await pseudonyms.pseudonym('blocklist:phone', phone)] : [];
      }
      case 'payment_account': {
        const account = normalisePaymentAccount(value);
        return /^[A-Z0-9]{6,64}$/.test(account) ? [await pseudonyms.pseudonym('blocklist:payment', account)] : [];
      }
    }
  };

  return {
    /* ------------------------------------------------------------------- notice intake */
    async fileReport(caller: Caller, input: CreateReportRequest) {
      requirePerson(caller);
      const kind: ReporterKind = hasRole(caller, 'trusted_flagger') ? 'trusted_flagger' : 'user';
      const key = `user:${caller.sub}`;
      const limit = policy.rateLimits[kind];
      await repo.take(key, limit.limit, limit.windowMs, clock.now());
      return enqueueNotice({ key, kind, accountId: caller.sub }, input, {
        explanation: input.explanation,
        ...(input.notifierName && { notifierName: input.notifierName }),
      });
    },

    /** People without an account: limited per contact email and per source address, both pseudonymised. */
    async fileAnonymousReport(input: AnonymousReportRequest, sourceAddress: string) {
      const now = clock.now();
      // One mailbox, one limit: `ada+1@x` is `ada@x` (the address itself is kept as given, encrypted).
      const [emailKey, addressKey] = await Promise.all([
        pseudonyms.pseudonym('notifier-email', mailboxOf(input.contactEmail)),
        addressKeyOf(sourceAddress),
      ]);
      await repo.take(`addr:${addressKey}`, policy.rateLimits.anonymousAddress.limit, policy.rateLimits.anonymousAddress.windowMs, now);
      await repo.take(`anon:${emailKey}`, policy.rateLimits.anonymousEmail.limit, policy.rateLimits.anonymousEmail.windowMs, now);
      return enqueueNotice({ key: `anon:${emailKey}`, kind: 'anonymous' }, input, {
        explanation: input.explanation,
        contactEmail: input.contactEmail,
        ...(input.notifierName && { notifierName: input.notifierName }),
      });
    },

    /**
     * The receipt of an anonymous notice with its follow-up token, derived from the notice id: a
     * repeat answered from the idempotency record (which holds the receipt, never the token) gets
     * the token the first answer gave.
     */
    async withFollowUpToken<R extends { id: string }>(receipt: R): Promise<R & { followUpToken: string }> {
      return { ...receipt, followUpToken: await followUpTokenOf(pseudonyms, receipt.id) };
    },

    /**
     * DSA Art. 16(5), 20: a notifier without an account follows their notice, its outcome and the
     * appeal filed with its token (not any other appeal from the same contact email).
     */
    async followAnonymousReport(noticeId: string, token: string | undefined, sourceAddress: string) {
      const stored = await anonymousNotice(noticeId, token, sourceAddress);
      const view = await reportView(stored, false);
      const caseId = stored.state.caseId;
      const pointer = caseId ? (await repo.appealPointers(caseId, anonymousAppellantOf(noticeId))).at(-1) : undefined;
      const appeal = pointer ? await repo.getAppeal(pointer.appealId) : undefined;
      if (!appeal) return view;
      // The reasoned reply is shown; the notifier's own appeal text is not sent back to a bearer token.
      const { explanation: _text, ...shown } = await appealView(appeal);
      return { ...view, appeal: shown };
    },

    /**
     * DSA Art. 20: the notifier appeals the decision on their notice, as a reporter, on a registered
     * reporter's terms. The appellant is the notice: one appeal per notice and decision, whoever
     * else gave the same contact email.
     */
    async fileAnonymousAppeal(input: { noticeId: string; explanation: string }, token: string | undefined, sourceAddress: string) {
      const stored = await anonymousNotice(input.noticeId, token, sourceAddress);
      const caseId = stored.state.caseId;
      return fileAppealAs(async () => {
        const c = caseId ? await repo.getCase(caseId) : undefined;
        if (!c?.decision) throw new ModerationConflictError('not-decided', 'The notice is not decided yet: there is nothing to appeal.');
        return { caseState: c, appellantId: anonymousAppellantOf(input.noticeId), kind: 'reporter' };
      }, input.explanation);
    },

    async listMyReports(caller: Caller, query: { limit?: number; cursor?: string }) {
      requirePerson(caller);
      const key = `user:${caller.sub}`;
      const start = after(query.cursor, (resumed) => resumed.gsi1pk === repo.reporterPartition(key));
      const { items, lastKey } = await repo.listNotices(key, { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(start && { after: start }) });
      return { items: await Promise.all(items.map((n) => reportView(n, false))), nextCursor: encodeCursor(lastKey) };
    },

    async getReport(caller: Caller, id: string) {
      requirePerson(caller);
      const stored = await repo.getNotice(id);
      if (!stored || (stored.state.reporterKey !== `user:${caller.sub}` && !isModerator(caller))) throw new NotFoundError(`No report ${id}`);
      return reportView(stored, true);
    },

    /* -------------------------------------------------------------- triage (consumer) */
    /** One notice off the reports queue. Idempotent: a notice triaged before is left alone. */
    async triageNotice(noticeId: string): Promise<'triaged' | 'already-triaged' | 'unknown'> {
      return retrying(async () => {
        const stored = await repo.getNotice(noticeId);
        // A message for a notice rolled back after a failed send: nothing to do.
        if (!stored) return 'unknown';
        if (stored.state.status !== 'received') return 'already-triaged';
        const notice = stored.state;
        const now = clock.now();
        const [current, profile, content] = await Promise.all([
          repo.caseOfTarget(notice.targetKey),
          repo.getProfile(notice.reporterKey),
          contentFacts(notice.contentId),
        ]);
        const result = triage({
          notice,
          ...(current && { current }),
          content,
          reporterReputation: profile?.reputation ?? 0,
          newCaseId: newId('case', now),
          now,
        });
        const events = outbox.stage(result.events, now);
        await repo.commitTriage({
          notice: result.notice,
          personalData: stored.personalData,
          ...(result.caseState && { caseState: result.caseState }),
          ...(current && { caseReadVersion: current.version }),
          opened: result.opened,
          history: result.history,
          counters: result.counters,
          at: now,
          extra: events.items,
        });
        await outbox.afterCommit(events);
        return 'triaged';
      });
    },

    /* ------------------------------------------------------------------- moderators */
    async listCases(caller: Caller, query: { status: string; limit?: number; cursor?: string }) {
      requireModerator(caller);
      const start = after(query.cursor, (resumed) => resumed.queuePk === `CASES#${query.status}`);
      const { items, lastKey } = await repo.listCases(query.status, { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(start && { after: start }) });
      return { items: items.map(caseView), nextCursor: encodeCursor(lastKey) };
    },

    async getCase(caller: Caller, id: string) {
      requireModerator(caller);
      const c = await repo.getCase(id);
      if (!c) throw new NotFoundError(`No case ${id}`);
      const links = await repo.caseNotices(id);
      const notices = await Promise.all(
        links.map(async (link) => {
          const stored = await repo.getNotice(link.noticeId);
          const personal = stored ? await cipher.open<NoticePersonalData & Record<string, unknown>>(NOTICE_ENTITY, link.noticeId, stored.personalData) : undefined;
          return { noticeId: link.noticeId, source: link.reporterKind, receivedAt: link.receivedAt, duplicate: link.duplicate, explanation: personal?.explanation ?? '' };
        }),
      );
      return { ...caseView(c), notices };
    },

    async claimCase(caller: Caller, id: string) {
      requireModerator(caller);
      return retrying(async () => {
        const c = await repo.getCase(id);
        if (!c) throw new NotFoundError(`No case ${id}`);
        const { caseState, history } = claimCase(c, caller.sub, clock.now(), policy);
        await repo.commitCase(caseState, history);
        return caseView(caseState);
      });
    },

    async decideCase(caller: Caller, id: string, input: DecisionInput) {
      requireModerator(caller);
      const { change, events } = await retrying(async () => {
        const c = await repo.getCase(id);
        if (!c) throw new NotFoundError(`No case ${id}`);
        const now = clock.now();
        const notices = await repo.caseNotices(id);
        const change = decideCase({ caseState: c, moderatorId: caller.sub, decision: input, notices, puid: newId('sor', now), now, policy });
        const follow = await reviewFollowUp(change.caseState, now);
        const events = outbox.stage([...change.events, ...follow.events], now);
        await repo.commitDecision({ ...change, extra: [...follow.items, ...events.items], at: now });
        return { change, events };
      });
      await outbox.afterCommit(events);
      try {
        await applyMisuse(change.reporterDeltas.filter((d) => d.unfounded > 0).map((d) => d.reporterKey));
      } catch (error) {
        // The decision stands; the misuse policy is applied again at the reporter's next strike.
        logger.warn('Misuse policy not applied', { caseId: id, errorName: (error as Error).name });
      }
      return { case: caseView(change.caseState), ...(change.statement && { statementId: change.statement.puid }) };
    },

    /* ------------------------------------------------------------------- statements */
    async getStatement(caller: Caller, puid: string) {
      requirePerson(caller);
      const statement = await repo.getStatement(puid);
      const staff = hasRole(caller, 'moderator', 'admin', 'comms');
      // Checked before the case and appeal are read: anyone else learns nothing, at the cost of one read.
      if (!statement || (!staff && statement.affectedAccountId !== caller.sub)) throw new NotFoundError(`No statement ${puid}`);
      return statementView(statement);
    },

    /**
     * What the platform needs to enforce a measure on an account: the measure, the account, its
     * duration and whether it still stands. Events name no account; the platform reads it here.
     */
    async enforcement(caller: Caller, puid: string) {
      if (caller.kind !== 'machine' || !hasScope(caller, fullScope('moderation.enforcement'))) {
        throw new ModerationForbiddenError('Only the platform, with the moderation.enforcement scope, reads measures to enforce them.');
      }
      const s = await repo.getStatement(puid);
      if (!s) throw new NotFoundError(`No statement ${puid}`);
      const decision = (await repo.getCase(s.caseId))?.decision;
      const replacedBy = decision?.replacedBy?.statementId === puid ? undefined : decision?.replacedBy;
      return {
        puid: s.puid,
        caseId: s.caseId,
        action: s.action,
        ...(s.affectedAccountId && { affectedAccountId: s.affectedAccountId }),
        ...(s.durationDays !== undefined && { durationDays: s.durationDays }),
        ...(s.endsAt && { endsAt: s.endsAt }),
        createdAt: s.createdAt,
        // A reversal lifts the measure; a partial reversal replaces it by the statement named.
        status: decision?.reversedAt ? ('reversed' as const) : replacedBy ? ('replaced' as const) : ('in_force' as const),
        ...(decision?.reversedAt && { reversedAt: decision.reversedAt }),
        ...(replacedBy && { replacedBy: replacedBy.statementId }),
      };
    },

    /** The day's statements in the Transparency Database format; each validated against the database's rules. */
    async exportStatements(caller: Caller, query: { date: string; limit?: number; cursor?: string }) {
      if (caller.kind !== 'person' || !hasRole(caller, ...exportReaderRoles, 'moderator')) {
        throw new ModerationForbiddenError('The export is for comms, moderators and admins.');
      }
      const start = after(query.cursor, (resumed) => resumed.gsi1pk === `SORDAY#${query.date}`);
      const { items, lastKey } = await repo.statementsOfDay(query.date, { limit: query.limit ?? 100, ...(start && { after: start }) });
      const exported = items.map(toTransparencyStatement);
      for (const statement of exported) {
        const errors = transparencyErrors(statement);
        if (errors) throw new Error(`Statement ${statement.puid} fails the Transparency Database rules: ${Object.keys(errors).join(', ')}`);
      }
      return { items: exported, nextCursor: encodeCursor(lastKey) };
    },

    /* ---------------------------------------------------------------------- appeals */
    async fileAppeal(caller: Caller, input: { caseId: string; explanation: string }) {
      requirePerson(caller);
      return fileAppealAs(async () => {
        const c = await repo.getCase(input.caseId);
        if (!c?.decision) throw new NotFoundError(`No decision on ${input.caseId} for you to appeal`);
        let kind: 'affected' | 'reporter';
        if (c.decision.affectedAccountId === caller.sub && isRestriction(c.decision.action)) kind = 'affected';
        else if ((await repo.caseNotices(c.id)).some((n) => n.accountId === caller.sub)) kind = 'reporter';
        else throw new NotFoundError(`No decision on ${input.caseId} for you to appeal`);
        return { caseState: c, appellantId: caller.sub, kind };
      }, input.explanation);
    },

    async getAppeal(caller: Caller, id: string) {
      requirePerson(caller);
      const stored = await repo.getAppeal(id);
      if (!stored || (stored.state.appellantId !== caller.sub && !isModerator(caller))) throw new NotFoundError(`No appeal ${id}`);
      return appealView(stored);
    },

    async listPendingAppeals(caller: Caller, query: { limit?: number; cursor?: string }) {
      requireModerator(caller);
      const start = after(query.cursor, (resumed) => resumed.queuePk === 'APPEALS#pending');
      const { items, lastKey } = await repo.listPendingAppeals({ limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(start && { after: start }) });
      return { items: await Promise.all(items.map((item) => appealView(item))), nextCursor: encodeCursor(lastKey) };
    },

    async decideAppeal(caller: Caller, id: string, input: AppealDecisionInput) {
      requireModerator(caller);
      const { result, events } = await retrying(async () => {
        const stored = await repo.getAppeal(id);
        if (!stored) throw new NotFoundError(`No appeal ${id}`);
        const c = await repo.getCase(stored.state.caseId);
        if (!c) throw new NotFoundError(`No case ${stored.state.caseId}`);
        const now = clock.now();
        const notices = await repo.caseNotices(c.id);
        const result = decideAppeal({ caseState: c, appeal: stored.state, moderatorId: caller.sub, decision: input, puid: newId('sor', now), now, notices, policy });
        const follow = await reviewFollowUp(result.caseState, now);
        const personal = await cipher.open<{ explanation: string }>(APPEAL_ENTITY, id, stored.personalData);
        const sealed = await cipher.seal(APPEAL_ENTITY, id, { ...personal, decisionExplanation: input.explanation });
        const rewardId = c.firstRewardable?.noticeId;
        const reward = rewardId && result.rewardMove ? await repo.getReward(rewardId) : undefined;
        const events = outbox.stage([...result.events, ...follow.events], now);
        await repo.write([
          repo.caseVersionedItem(result.caseState),
          repo.versioned(repo.appealItem(result.appeal, sealed), stored.state.version),
          ...(result.statement ? [repo.statementPutItem(result.statement)] : []),
          ...(result.reward ? [repo.rewardPutItem(result.reward)] : []),
          ...(reward && ['pending', 'held'].includes(reward.status) && result.rewardMove ? [repo.rewardMoveItem(reward.noticeId, result.rewardMove, now)] : []),
          ...repo.profileDeltaItems(result.reporterDeltas),
          ...repo.historyItems(c.id, result.caseState.version, result.history),
          ...repo.figureItems(now, result.counters),
          ...follow.items,
          ...events.items,
        ]);
        return { result: { ...result, personal: { ...personal, decisionExplanation: input.explanation } }, events };
      });
      await outbox.afterCommit(events);
      return appealView({ state: result.appeal }, result.personal);
    },

    /* ---------------------------------------------------------------------- rewards */
    async myRewards(caller: Caller) {
      requirePerson(caller);
      const key = `user:${caller.sub}`;
      const [ledger, profile] = await Promise.all([repo.ledger(key), repo.getProfile(key)]);
      const p = profile ?? emptyProfile(key);
      return {
        balance: ledger.balance,
        reputation: p.reputation,
        accepted: p.accepted,
        rejected: p.rejected,
        warned: p.warnedAt !== undefined,
        ...(isSuspended(p, clock.now()) && { reportingSuspendedUntil: p.suspendedUntil }),
        pending: ledger.rewards
          .filter((r) => r.status === 'pending' || r.status === 'held')
          .map((r) => ({ noticeId: r.noticeId, points: r.points, status: r.status, dueAt: r.dueAt })),
        ledger: ledger.entries,
      };
    },

    /** The scheduled settlement: credits every reward due by `now`, each exactly once. */
    async settleRewards(now: Date) {
      const report = { now: now.toISOString(), due: 0, credited: 0, points: 0 };
      for await (const noticeId of repo.dueRewards(now)) {
        report.due += 1;
        const reward = await repo.getReward(noticeId);
        if (!reward || reward.status !== 'pending' || reward.dueAt > now.toISOString()) continue;
        const events = outbox.stage(
          [{ type: 'moderation.reward-credited', at: now.toISOString(), detail: { noticeId, caseId: reward.caseId, points: reward.points } }],
          now,
        );
        try {
          await repo.creditReward(reward, now, { 'rewards#paid': 1, 'rewards#points': reward.points }, events.items);
        } catch (error) {
          // Another run credited it, or an appeal held it, in the meantime.
          if (error instanceof VersionConflictError) continue;
          throw error;
        }
        report.credited += 1;
        report.points += reward.points;
        await outbox.afterCommit(events);
      }
      return report;
    },

    /* ------------------------------------------------------------------- blocklists */
    async addBlocklistEntry(caller: Caller, kind: BlocklistKind, input: { value: string; reason: string }) {
      requireModerator(caller);
      const keys = await valueKeys(kind, input.value);
      if (keys.length === 0) throw new ModerationConflictError('invalid-value', `Not a valid ${kind}`);
      const now = clock.now();
      const entry = { id: newId('blk', now), addedBy: caller.sub, addedAt: now.toISOString() };
      const sealed = await cipher.seal(BLOCKLIST_ENTITY, entry.id, { value: input.value, reason: input.reason });
      try {
        await repo.addBlocklistEntry(kind, keys[0]!, entry, sealed);
      } catch (error) {
        if (error instanceof DuplicateError) throw new ModerationConflictError('already-blocklisted', error.message);
        throw error;
      }
      return { ...entry, kind, value: input.value, reason: input.reason };
    },
    async listBlocklist(caller: Caller, kind: BlocklistKind, query: { limit?: number; cursor?: string }) {
      requireModerator(caller);
      const start = after(query.cursor, (resumed) => resumed.pk === `BLOCKLIST#${kind}`);
      const { items, lastKey } = await repo.listBlocklist(kind, { limit: query.limit ?? LIST_LIMIT_DEFAULT, ...(start && { after: start }) });
      const views = await Promise.all(
        items.map(async (item) => {
          const { value, reason } = await cipher.open<{ value: string; reason: string }>(BLOCKLIST_ENTITY, item.id, item.personalData);
          return { id: item.id, kind, value, reason, addedBy: item.addedBy, addedAt: item.addedAt };
        }),
      );
      return { items: views, nextCursor: encodeCursor(lastKey) };
    },
    async removeBlocklistEntry(caller: Caller, kind: BlocklistKind, entryId: string) {
      requireModerator(caller);
      if (!(await repo.removeBlocklistEntry(kind, entryId))) throw new NotFoundError(`No entry ${entryId}`);
    },

    /* -------------------------------------------------------------------- figures */
    async figures(caller: Caller, query: FiguresQuery) {
      if (caller.kind !== 'person' || !hasRole(caller, ...figuresReaderRoles)) {
        throw new ModerationForbiddenError('The figures are for staff (moderator, admin, comms).');
      }
      return figuresView(query, await figures.range(query.granularity, query.from, query.to));
    },

    /* ------------------------------------------------------------- content reviews */
    async submitContent(caller: Caller, input: ContentReviewRequest): Promise<{ review: ContentReviewView; duplicate: boolean }> {
      if (caller.kind !== 'machine' || !hasScope(caller, fullScope('content.review'))) {
        throw new ModerationForbiddenError('Only platform services with the content.review scope submit content.');
      }
      const existing = await repo.reviewOfContent(input.contentId);
      if (existing) {
        const stored = await repo.getReview(existing);
        if (stored && stored.state.clientId === caller.sub) return { review: reviewView(stored.state), duplicate: true };
        throw new ModerationConflictError('content-submitted', 'This content id was submitted before by another client.');
      }
      const now = clock.now();
      const hash = input.text ? simhash(input.text) : undefined;
      const review: ReviewState = {
        id: newId('rev', now),
        contentId: input.contentId,
        contentType: input.contentType,
        authorRef: input.authorRef,
        clientId: caller.sub,
        submittedAt: now.toISOString(),
        status: 'pending',
        signals: [],
        ...(hash && { simhash: hash }),
        version: 1,
      };
      const personal: ReviewPersonal = { ...(input.text && { text: input.text }), urls: input.urls, mediaHashes: input.mediaHashes };
      const events = outbox.stage(
        [{ type: 'content-review.submitted', at: review.submittedAt, detail: { reviewId: review.id, contentId: review.contentId } }],
        now,
      );
      try {
        await repo.createReview(review, await cipher.seal(REVIEW_ENTITY, review.id, { ...personal }), events.items);
      } catch (error) {
        if (error instanceof DuplicateError) return this.submitContent(caller, input);
        throw error;
      }
      // The review is stored: its event is published whether or not the queue takes it.
      await outbox.afterCommit(events);
      try {
        await queues.send('contentReview', { reviewId: review.id });
      } catch (error) {
        // The review stays pending (never publishable); the platform may resubmit and get it back.
        logger.warn('Content review not queued', { errorName: (error as Error).name });
        throw new QueueUnavailableError('The content could not be queued for review; resubmit it.');
      }
      return { review: reviewView(review), duplicate: false };
    },

    async getContentReview(caller: Caller, id: string) {
      if (caller.kind !== 'machine' || !hasScope(caller, fullScope('content.review'))) {
        throw new ModerationForbiddenError('Only platform services with the content.review scope read reviews.');
      }
      const stored = await repo.getReview(id);
      if (!stored || stored.state.clientId !== caller.sub) throw new NotFoundError(`No review ${id}`);
      return reviewView(stored.state);
    },

    /** The worker: screens one pending review. Idempotent: a decided review is left alone. */
    async screen(reviewId: string): Promise<'approved' | 'held' | 'human_review' | 'already-screened' | 'unknown'> {
      // On a conflict, read again: a concurrent delivery that screened it first leaves it decided.
      return retrying(async () => {
        const stored = await repo.getReview(reviewId);
        if (!stored) return 'unknown';
        if (stored.state.status !== 'pending') return 'already-screened';
        const r = stored.state;
        const personal = await cipher.open<ReviewPersonal & Record<string, unknown>>(REVIEW_ENTITY, r.id, stored.personalData);
        const text = personal.text ?? '';
        const candidates: Array<{ kind: BlocklistKind; valueKey: string }> = [
          ...personal.mediaHashes.map((h) => ({ kind: 'media_hash' as const, valueKey: normaliseMediaHash(h) })),
          // Keys longer than any blocklist key cannot match, and would exceed a sort key.
          ...[...personal.urls, ...extractUrls(text)].flatMap((u) =>
            urlKeys(u)
              .filter((valueKey) => valueKey.length <= MAX_URL_KEY)
              .map((valueKey) => ({ kind: 'url' as const, valueKey })),
          ),
          // Every pseudonym at once (each is a KMS call in AWS).
          ...(await Promise.all([
            ...extractPhones(text).map(async (p) => ({ kind: 'phone' as const, valueKey: await pseudonyms.pseudonym('blocklist:phone', p) })),
            ...extractPaymentAccounts(text).map(async (a) => ({
              kind: 'payment_account' as const,
              valueKey: await pseudonyms.pseudonym('blocklist:payment', a),
            })),
          ])),
        ];
        const [blocklistHits, near] = await Promise.all([
          repo.blocklisted(candidates),
          r.simhash ? repo.simhashCandidates(r.simhash) : Promise.resolve([]),
        ]);
        const nearest = near
          .filter((n) => n.contentId !== r.contentId)
          .map((n) => ({ contentId: n.contentId, distance: hammingDistance(n.hash, r.simhash!) }))
          .sort((a, b) => a.distance - b.distance)[0];
        const verdict = screeningVerdict({
          blocklistHits,
          ruleHits: applyRules(text),
          ...(nearest && nearest.distance <= NEAR_DUPLICATE_DISTANCE && { nearDuplicateOf: nearest }),
        });
        const now = clock.now();
        const change = screenReview({ review: r, verdict, newCaseId: newId('case', now), now, policy });
        const events = outbox.stage(change.events, now);
        await repo.write([
          repo.reviewUpdateItem(change.review, stored.personalData),
          ...(change.caseState ? repo.caseCreationItems(change.caseState, change.history) : []),
          ...repo.figureItems(now, change.counters),
          ...events.items,
        ]);
        await outbox.afterCommit(events);
        return verdict.outcome;
      });
    },
  };
};

export type ModerationService = ReturnType<typeof createModerationService>;
