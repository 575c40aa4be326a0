import { describe, expect, it } from 'vitest';
import {
  decideAppeal,
  fileAppeal,
  reviewAfterDecision,
  screenReview,
  type Action,
  type Priority,
  type ReviewState,
} from '#shared/moderation/domain/index.ts';
import { revisionDigest } from '#shared/moderation/domain/content-revision.ts';
import { at, DAY_MS, decide, decisionFor, restriction } from './support/moderation-fixtures.ts';

/**
 * Content reviewed before publication: screening approves it on its own, or opens a case that
 * holds it or sends it to a human; the decision on that case (and an appeal against it) then
 * publishes it, publishes it labelled or demoted, or rejects it.
 */

const review = (over: Partial<ReviewState> = {}): ReviewState => ({
  id: 'rev_0001',
  contentId: 'post-7',
  contentType: 'image',
  revision: 'revision-1',
  authorRef: 'author-7',
  clientId: 'shop-app',
  submittedAt: '2026-03-01T12:00:00.000Z',
  status: 'pending',
  signals: [],
  simhash: '0123456789abcdef',
  version: 1,
  ...over,
});

const screen = (outcome: 'approved' | 'held' | 'human_review', signals: string[] = [], category: 'fraud_or_scam' | 'false_advertising' = 'fraud_or_scam') =>
  screenReview({ review: review(), verdict: { outcome, signals, category }, newCaseId: 'case_0007', now: at() });

/** The screening case of a held review, decided by a moderator. */
const screenedAndDecided = (action: Action) => {
  const screened = screen('held', ['blocklist:url']);
  return { screened, decided: decide(screened.caseState!, decisionFor(action)) };
};

describe('screening', () => {
  it('approves clean content on its own: publishable at once, counted as an automated decision, no case', () => {
    // Act
    const change = screen('approved');

    // Assess
    expect(change.review).toMatchObject({ status: 'approved', decidedBy: 'automated', decidedAt: at().toISOString(), version: 2 });
    expect(change.caseState).toBeUndefined();
    expect(change.history).toEqual([]);
    expect(change.events).toEqual([
      { type: 'content-review.decided', at: at().toISOString(), detail: { reviewId: 'rev_0001', contentId: 'post-7', status: 'approved', publishable: true, decidedBy: 'automated' } },
    ]);
    expect(change.counters).toEqual({ screened: 1, 'screening#approved': 1, decisions: 1, 'decisions#automated': 1 });
  });

  it.each<['held' | 'human_review', string[], 'fraud_or_scam' | 'false_advertising', Priority]>([
    ['held', ['blocklist:payment_account'], 'fraud_or_scam', 'urgent'],
    ['held', ['near-duplicate'], 'fraud_or_scam', 'urgent'],
    ['human_review', ['rule:miracle-cure'], 'false_advertising', 'normal'],
  ])('%s content (%s) waits unpublished on a screening case for a moderator', (outcome, signals, category, priority) => {
    // Act
    const change = screen(outcome, signals, category);

    // Assess
    expect(change.review).toMatchObject({ status: outcome, signals, caseId: 'case_0007', version: 2 });
    expect(change.review.decidedBy).toBeUndefined();
    expect(change.caseState).toMatchObject({
      id: 'case_0007',
      origin: 'screening',
      contentId: 'post-7',
      category,
      signals,
      priority,
      noticeCount: 0,
      content: { reviewId: 'rev_0001', authorRef: 'author-7', contentType: 'image', contentDate: '2026-03-01', simhash: '0123456789abcdef' },
    });
    expect(change.events.map((e) => [e.type, e.detail.publishable])).toEqual([
      ['content-review.screened', false],
      ['moderation.case-opened', undefined],
    ]);
    expect(change.counters).toEqual({ screened: 1, [`screening#${outcome}`]: 1, casesOpened: 1 });
  });
});

describe('the decision on a screening case', () => {
  it.each<[Action, ReviewState['status'], ReviewState['restriction']]>([
    ['no_action', 'approved', undefined],
    ['label', 'approved', 'label'],
    ['demote', 'approved', 'demote'],
    ['remove', 'rejected', undefined],
    ['restrict_account', 'rejected', undefined],
    ['suspend_account', 'rejected', undefined],
    ['terminate_account', 'rejected', undefined],
  ])('%s leaves the content %s (%s)', (action, status, restriction) => {
    // Prepare
    const { screened, decided } = screenedAndDecided(action);

    // Act
    const result = reviewAfterDecision(screened.review, decided.caseState, at(DAY_MS));

    // Assess
    expect(result?.review).toMatchObject({ status, decidedBy: 'moderator', decidedAt: at(DAY_MS).toISOString(), caseId: 'case_0007', version: 3 });
    expect(result?.review.restriction).toBe(restriction);
    expect(result?.review.statementId).toBe(action === 'no_action' ? undefined : 'sor_0001');
    expect(result?.event).toEqual({
      type: 'content-review.decided',
      at: at(DAY_MS).toISOString(),
      detail: { reviewId: 'rev_0001', contentId: 'post-7', status, publishable: status === 'approved', decidedBy: 'moderator', ...(restriction && { restriction }) },
    });
  });

  it('changes nothing on a case not decided yet', () => {
    // Prepare
    const screened = screen('held', ['blocklist:url']);

    // Act + Assess
    expect(reviewAfterDecision(screened.review, screened.caseState!, at())).toBeUndefined();
  });

  it('changes nothing when the review already says what the decision says', () => {
    // Prepare
    const { screened, decided } = screenedAndDecided('remove');
    const rejected = reviewAfterDecision(screened.review, decided.caseState, at(DAY_MS))!.review;

    // Act + Assess
    expect(reviewAfterDecision(rejected, decided.caseState, at(2 * DAY_MS))).toBeUndefined();
  });
});

describe('an appeal on a screening case', () => {
  const appealAndDecide = (original: Action, decision: Parameters<typeof decideAppeal>[0]['decision']) => {
    const { screened, decided } = screenedAndDecided(original);
    const before = reviewAfterDecision(screened.review, decided.caseState, at(DAY_MS))!.review;
    const filed = fileAppeal({ caseState: decided.caseState, appellantId: 'author-7', appellantKind: 'affected', id: 'apl_0001', now: at(2 * DAY_MS) });
    const after = decideAppeal({ caseState: filed.caseState, appeal: filed.appeal, moderatorId: 'mod-2', decision, puid: 'sor_0002', now: at(3 * DAY_MS), notices: [] });
    return { before, after: reviewAfterDecision(before, after.caseState, at(3 * DAY_MS)) };
  };

  it.each<[string, Action, Parameters<typeof decideAppeal>[0]['decision'], Partial<ReviewState> | undefined]>([
    ['a reversed removal publishes the content', 'remove', { outcome: 'reversed', explanation: 'Fine.' }, { status: 'approved', statementId: 'sor_0001' }],
    ['a removal reduced to demotion publishes it demoted, under the new statement', 'remove', { outcome: 'partly_reversed', explanation: 'Too harsh.', decision: restriction('demote') }, { status: 'approved', restriction: 'demote', statementId: 'sor_0002' }],
    ['a reversed label drops the label', 'label', { outcome: 'reversed', explanation: 'Fine.' }, { status: 'approved', restriction: undefined }],
    ['an upheld removal changes nothing', 'remove', { outcome: 'upheld', explanation: 'Stands.' }, undefined],
  ])('%s', (_name, original, decision, expected) => {
    // Act
    const { before, after } = appealAndDecide(original, decision);

    // Assess
    if (!expected) {
      expect(after).toBeUndefined();
      return;
    }
    const { restriction: expectedRestriction, ...fields } = expected;
    expect(after?.review).toMatchObject({ ...fields, version: before.version + 1, decidedAt: at(3 * DAY_MS).toISOString() });
    expect(after?.review.restriction).toBe(expectedRestriction);
  });
});


describe('the revision of submitted content', () => {
  const shown = { contentType: 'text' as const, text: 'Café mugs, 20% off.', urls: ['https://shop.example/mugs'], mediaHashes: ['ABCDEF0123456789'] };

  it('is the same for a repeat of what is shown, whatever the byte form of the text or the case of a media hash', () => {
    // Act
    const first = revisionDigest(shown);
    const repeat = revisionDigest({ ...shown, text: shown.text.normalize('NFD'), mediaHashes: ['abcdef0123456789'] });

    // Assess
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(repeat).toBe(first);
  });

  it.each<[string, Partial<typeof shown>]>([
    ['an edited text', { text: 'Café mugs, 30% off.' }],
    ['another URL', { urls: ['https://shop.example/cups'] }],
    ['URLs in another order', { urls: ['https://b.example', 'https://a.example'] }],
    ['another media reference', { mediaHashes: ['abcdef0123456780'] }],
  ])('changes with %s', (_name, edit) => {
    // Act + Assess
    expect(revisionDigest({ ...shown, ...edit })).not.toBe(revisionDigest(shown));
  });

  it('tells content without text from content with an empty text', () => {
    // Act + Assess
    expect(revisionDigest({ ...shown, text: undefined, urls: [] })).not.toBe(revisionDigest({ ...shown, text: '', urls: [] }));
  });
});
