import { hasRole, type Caller } from '#shared/auth/caller.ts';
import type { Role } from '#shared/manifest/platform.ts';
import { periodOf, periodPatterns } from '#shared/figures/periods.ts';
import type { Counters } from '#shared/figures/store.ts';
import {
  isScored,
  sameAnswers,
  type Answers,
  type SurveyDefinition,
  type SurveyKind,
} from '#shared/surveys/definitions.ts';
import { monthlySamplingRate, type SurveyPolicy } from '#shared/surveys/policy.ts';
import type { TargetRule, TargetVerdict } from '#shared/surveys/statistics.ts';

/**
 * Campaigns, invitations and responses as pure functions: what a response adds to the figures,
 * whether it is a first answer, a repeat, an edit or refused. No clock, no database.
 *
 * One campaign per kind and month: `2026-11-monthly` (a random sample of the month's active
 * users) and `2026-11-post-resolution` (every complaint resolved in the month). Its id is
 * derived from the month, so opening it twice opens it once, and the figures of a campaign are
 * the figures of its month.
 */

export type CampaignStatus = 'open' | 'closed';

export interface Campaign {
  id: string;
  kind: SurveyKind;
  /** `2026-11`: the month whose users (monthly) or resolutions (post-resolution) it surveys. */
  month: string;
  status: CampaignStatus;
  definitionVersion: number;
  /** Share of active users invited (monthly); 1 for post-resolution surveys. */
  samplingRate: number;
  /** The rule for "target met", pinned when the campaign opens. */
  target: TargetRule;
  openedAt: string;
  /** Responses are accepted before this time. */
  closesAt: string;
  closedAt?: string;
  verdict?: TargetVerdict;
}

export interface Invitation {
  userId: string;
  /** `2026-11-monthly`, or `2026-11-post-resolution.cmp_...` for one complaint. */
  id: string;
  campaignId: string;
  kind: SurveyKind;
  month: string;
  definitionVersion: number;
  invitedAt: string;
  expiresAt: string;
  complaintId?: string;
  channel?: string;
  category?: string;
  status: 'invited' | 'responded';
  /** Optimistic lock of the response: 0 before the first answer, +1 per accepted answer. */
  revision: number;
  respondedAt?: string;
  revisedAt?: string;
  /** Scored and choice answers (free text is stored encrypted beside them). */
  scored?: Answers;
}

/** The request conflicts with the survey's state (answered 409 with the reason). */
export class SurveyConflictError extends Error {
  override name = 'SurveyConflictError';
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export class SurveyForbiddenError extends Error {
  override name = 'SurveyForbiddenError';
}

/* ------------------------------------------------------------------------------ authorisation */

export const definitionEditorRoles = ['admin', 'comms'] as const satisfies readonly Role[];
export const surveyStaffRoles = ['agent', 'admin', 'comms'] as const satisfies readonly Role[];

export const requirePerson = (caller: Caller): void => {
  if (caller.kind !== 'person') throw new SurveyForbiddenError('Surveys are for people, not integration clients.');
};
export const requireRole = (caller: Caller, roles: readonly Role[], what: string): void => {
  requirePerson(caller);
  if (!hasRole(caller, ...roles)) throw new SurveyForbiddenError(`${what}: ${roles.join(', ')} only.`);
};

/* ------------------------------------------------------------------------------------- months */

/** Month helpers on the figures' month periods (`2026-11`, UTC): a campaign's figures are its month's. */
export const isMonth = (value: string): boolean => periodPatterns.month.test(value);
export const monthOf = (at: Date): string => periodOf(at, 'month');
export const monthStart = (month: string): Date => new Date(`${month}-01T00:00:00.000Z`);
export const addMonths = (month: string, delta: number): string => {
  const start = monthStart(month);
  return monthOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + delta, 1)));
};
export const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
};

export const campaignId = (kind: SurveyKind, month: string): string => `${month}-${kind}`;
export const CAMPAIGN_ID = /^\d{4}-(0[1-9]|1[0-2])-(monthly|post-resolution)$/;
export const INVITATION_ID = /^\d{4}-(0[1-9]|1[0-2])-(monthly|post-resolution(\.cmp_[0-9A-HJKMNP-TV-Z]{26})?)$/;

/** Whose answers to which invitation: the encryption context's id of the sealed free texts, and the comment's key. */
export const sealedIdOf = (invitation: Pick<Invitation, 'userId' | 'id'>): string => `${invitation.userId}/${invitation.id}`;

export const invitationIdFor = (campaign: Pick<Campaign, 'id'>, complaintId?: string): string =>
  complaintId ? `${campaign.id}.${complaintId}` : campaign.id;

/** Opens the campaign of a kind for a month, under the policy and definition in force now. */
export const newCampaign = (
  kind: SurveyKind,
  month: string,
  definitionVersion: number,
  policy: SurveyPolicy,
  now: Date,
): Campaign => {
  const nextMonthStart = monthStart(addMonths(month, 1));
  // A post-resolution survey resolved on the month's last day may be answered for the whole window.
  const closesAt =
    kind === 'monthly' ? nextMonthStart : new Date(nextMonthStart.getTime() + policy.postResolutionWindowMs);
  return {
    id: campaignId(kind, month),
    kind,
    month,
    status: 'open',
    definitionVersion,
    samplingRate: kind === 'monthly' ? monthlySamplingRate(policy) : 1,
    target: policy.target,
    openedAt: now.toISOString(),
    closesAt: closesAt.toISOString(),
  };
};

export const isAccepting = (campaign: Campaign, now: Date): boolean =>
  campaign.status === 'open' && now < new Date(campaign.closesAt);

export const newInvitation = (
  campaign: Campaign,
  userId: string,
  now: Date,
  policy: SurveyPolicy,
  complaint?: { id: string; channel: string; category: string },
): Invitation => {
  const expiresAt = complaint
    ? new Date(Math.min(now.getTime() + policy.postResolutionWindowMs, Date.parse(campaign.closesAt)))
    : new Date(campaign.closesAt);
  return {
    userId,
    id: invitationIdFor(campaign, complaint?.id),
    campaignId: campaign.id,
    kind: campaign.kind,
    month: campaign.month,
    definitionVersion: campaign.definitionVersion,
    invitedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ...(complaint && { complaintId: complaint.id, channel: complaint.channel, category: complaint.category }),
    status: 'invited',
    revision: 0,
  };
};

/* ----------------------------------------------------------------------------------- counters */

/**
 * What one response adds to its month's figures, prefixed by the survey kind: the score of each
 * scored question, the option of each choice question, the CSAT by channel and category
 * (post-resolution), and whether a comment was left (never its text).
 */
export const responseCounters = (
  invitation: Pick<Invitation, 'kind' | 'channel' | 'category'>,
  definition: Pick<SurveyDefinition, 'questions'>,
  answers: Answers,
): Counters => {
  const k = invitation.kind;
  const counters: Counters = { [`${k}#responses`]: 1 };
  for (const question of definition.questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (isScored(question.type)) counters[`${k}#${question.type}#${value}`] = 1;
    else if (question.type === 'choice') counters[`${k}#choice#${question.id}#${value}`] = 1;
    else counters[`${k}#comments`] = 1;
    if (question.type === 'csat' && typeof value === 'number') {
      const satisfied = value >= 4 ? 1 : 0;
      for (const [dimension, key] of [['channel', invitation.channel], ['category', invitation.category]] as const) {
        if (!key) continue;
        counters[`${k}#${dimension}#${key}#n`] = 1;
        counters[`${k}#${dimension}#${key}#satisfied`] = satisfied;
      }
    }
  }
  return counters;
};

/** `after - before`, without the zeros: what an edited response moves. */
export const counterDiff = (before: Counters, after: Counters): Counters => {
  const out: Counters = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const delta = (after[key] ?? 0) - (before[key] ?? 0);
    if (delta !== 0) out[key] = delta;
  }
  return out;
};

/* ---------------------------------------------------------------------------------- responses */

export type ResponseDecision =
  | { outcome: 'created'; counters: Counters }
  | { outcome: 'unchanged' }
  | { outcome: 'revised'; counters: Counters };

/**
 * A response to an invitation, given what is stored: the first answer is stored and counted; the
 * same answer again changes nothing; a different one is an edit within `editWindowMs` of the
 * first answer (its counters move from the old answer to the new), refused after it. Nothing is
 * accepted once the survey has closed.
 */
export const decideResponse = (options: {
  invitation: Invitation;
  campaign: Campaign;
  definition: Pick<SurveyDefinition, 'questions'>;
  answers: Answers;
  /** The stored answers, texts included, when the invitation was answered before. */
  previous?: Answers;
  now: Date;
  policy: Pick<SurveyPolicy, 'editWindowMs'>;
}): ResponseDecision => {
  const { invitation, campaign, definition, answers, previous, now, policy } = options;
  if (invitation.status === 'responded' && previous && sameAnswers(previous, answers)) return { outcome: 'unchanged' };
  if (!isAccepting(campaign, now) || now >= new Date(invitation.expiresAt)) {
    throw new SurveyConflictError('survey-closed', 'This survey is closed; answers are no longer accepted.');
  }
  const counters = responseCounters(invitation, definition, answers);
  if (invitation.status === 'invited') return { outcome: 'created', counters };
  const editableUntil = editableUntilOf(invitation, policy);
  if (!editableUntil || now >= editableUntil) {
    throw new SurveyConflictError(
      'response-final',
      `This survey was answered already; answers can be changed for ${policy.editWindowMs / 3_600_000} hours after the first answer.`,
    );
  }
  return { outcome: 'revised', counters: counterDiff(responseCounters(invitation, definition, previous ?? {}), counters) };
};

export const editableUntilOf = (invitation: Pick<Invitation, 'respondedAt' | 'expiresAt'>, policy: Pick<SurveyPolicy, 'editWindowMs'>) =>
  invitation.respondedAt
    ? new Date(Math.min(Date.parse(invitation.respondedAt) + policy.editWindowMs, Date.parse(invitation.expiresAt)))
    : undefined;

/** Counters kept about the sampling itself, beside the responses. */
export const samplingCounters = (kind: SurveyKind, invited: boolean, firstSeen: boolean): Counters => ({
  ...(firstSeen && { [`${kind}#active`]: 1 }),
  ...(invited && { [`${kind}#invited`]: 1 }),
});

