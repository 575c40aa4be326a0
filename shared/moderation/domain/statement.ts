import type { CaseState } from '#shared/moderation/domain/case.ts';
import { iso } from '#shared/moderation/domain/change.ts';
import { ModerationInvalidError } from '#shared/moderation/domain/errors.ts';
import { accountActions, type Action, type ContentType, type NoticeCategory, type Restriction } from '#shared/moderation/domain/taxonomy.ts';

/**
 * Statements of reasons (DSA Art. 17): every restriction carries one, with the ground (law or
 * terms), the facts, the source, the automation used and the redress open to the affected
 * user. They are published (Art. 24(5)), so they never hold personal data.
 */

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

const DAY_MS = 86_400_000;
const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

const requireText = (value: string | undefined, field: string, max: number): string => {
  const text = value?.trim();
  if (!text) throw new ModerationInvalidError(field, 'Required for a restriction');
  if (text.length > max) throw new ModerationInvalidError(field, `Must be at most ${max} characters`);
  if (containsPersonalData(text)) {
    throw new ModerationInvalidError(field, 'Must not contain email addresses or phone numbers: statements of reasons are published');
  }
  return text;
};

/** Restrictions and suspensions of an account are temporary and name their duration; a termination has none. */
const requireDurationFitting = (d: DecisionInput & { action: Restriction }) => {
  const temporary = d.action === 'restrict_account' || d.action === 'suspend_account';
  if (temporary && d.durationDays === undefined) throw new ModerationInvalidError('durationDays', `Required for ${d.action}`);
  if (d.action === 'terminate_account' && d.durationDays !== undefined) {
    throw new ModerationInvalidError('durationDays', 'A termination has no duration');
  }
};

const sourceOf = (c: CaseState): StatementOfReasons['source'] =>
  c.trustedNotices > 0 ? 'trusted_flagger' : c.noticeCount > 0 ? 'notice' : 'own_initiative';

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
  requireDurationFitting(d);
  const affectedAccountId = d.affectedAccountId ?? c.content.authorRef;
  if (accountActions.includes(d.action) && !affectedAccountId) {
    throw new ModerationInvalidError('affectedAccountId', 'Required for an account measure (the content has no known author)');
  }
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
    source: sourceOf(c),
    automatedDetection: c.origin === 'screening',
    // Screening only flags content; every decision on a case is a moderator's.
    automatedDecision: 'not_automated',
    category: c.category,
    contentType: d.contentType ?? c.content.contentType ?? 'text',
    contentDate: d.contentDate ?? c.content.contentDate ?? c.firstNoticeAt.slice(0, 10),
    ...(d.territorialScope && { territorialScope: d.territorialScope }),
    ...(d.contentLanguage && { contentLanguage: d.contentLanguage }),
    ...(input.replaces && { replaces: input.replaces }),
    redress: REDRESS,
  };
};
