import type { ReportFigures } from '#shared/transparency/domain/report.ts';
import { quarterBounds } from '#shared/transparency/domain/report-quarter.ts';

/**
 * The promises the platform's plan makes, each judged against the figures the contexts keep: a
 * promise is kept, not kept, or not yet measurable (nothing to count yet, or its deadline in the
 * quarter has not come). Pure: the figures of the quarter to date and the few facts they do not
 * hold come in, the verdicts go out.
 */

export const promiseIds = [
  'first-response-within-24-hours',
  'satisfaction-at-least-90-percent',
  'security-audit-every-quarter',
  'education-campaign-every-quarter',
  'content-reviewed-before-publication',
  'valid-reports-rewarded',
  'transparency-report-every-quarter',
  'privacy-policy-published',
] as const;
export type PromiseId = (typeof promiseIds)[number];

export const verdicts = ['kept', 'not-kept', 'not-yet-measurable'] as const;
export type Verdict = (typeof verdicts)[number];

/** A figure as the scorecard shows it: a share (0 to 1), a count, or a version number; null when there is none. */
export interface Figure {
  value: number | null;
  unit: 'share' | 'count' | 'version';
}

export interface PromiseReading {
  id: PromiseId;
  figure: Figure;
  verdict: Verdict;
}

/** The facts a quarter's figures do not hold. */
export interface CommitmentFacts {
  figures: ReportFigures;
  /** Trust and safety's counts of the quarter (content review, rewards credited on time or late). */
  trustAndSafety: { contentReviews: { submitted: number; screened: number }; rewards: { credited: number; creditedLate: number } };
  /**
   * Revisions submitted for review by the previous check in the same quarter (the hourly watch):
   * each should be screened by now. Null without a previous check in the quarter.
   */
  submittedByPreviousCheck: number | null;
  /** When the report of the quarter before was first published; null when it is not (yet). */
  previousReportPublishedAt: string | null;
}

/** What each promise is held to, in words, and its target figure. */
export const promiseTargets: Record<PromiseId, { target: Figure; en: string; 'zh-CN': string }> = {
  'first-response-within-24-hours': { target: { value: 1, unit: 'share' }, en: 'Every complaint gets a first response within 24 hours', 'zh-CN': '每一项投诉在 24 小时内得到首次回复' },
  'satisfaction-at-least-90-percent': { target: { value: 0.9, unit: 'share' }, en: 'Satisfaction at or above 90%', 'zh-CN': '满意度不低于 90%' },
  'security-audit-every-quarter': { target: { value: 1, unit: 'count' }, en: 'A security audit every quarter, within its first 7 days', 'zh-CN': '每季度进行一次安全审计（季度首 7 天内）' },
  'education-campaign-every-quarter': { target: { value: 1, unit: 'count' }, en: 'A security education campaign every quarter, starting within its first 30 days', 'zh-CN': '每季度开展一次安全教育活动（季度首 30 天内开始）' },
  'content-reviewed-before-publication': { target: { value: 1, unit: 'share' }, en: 'Content is reviewed before it is published', 'zh-CN': '内容在发布前经过审核' },
  'valid-reports-rewarded': { target: { value: 1, unit: 'share' }, en: 'Valid reports are rewarded, within a day of the appeal window closing', 'zh-CN': '有效举报获得奖励（申诉期结束后一天内）' },
  'transparency-report-every-quarter': { target: { value: 1, unit: 'count' }, en: "A transparency report every quarter, on the quarter before, within the first 30 days", 'zh-CN': '每季度发布透明度报告（季度首 30 天内发布上季度报告）' },
  'privacy-policy-published': { target: { value: 1, unit: 'version' }, en: 'A privacy policy published and in force', 'zh-CN': '隐私政策已发布并生效' },
};

/** Days into the quarter by which the audit must complete, a campaign start, the previous report be published. */
const deadlineDays = { audit: 7, education: 30, report: 30 } as const;

const DAY_MS = 86_400_000;
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const share = (value: number | null): Figure => ({ value, unit: 'share' });
const count = (value: number): Figure => ({ value, unit: 'count' });
/** Kept when done; before the deadline not yet measurable; after it, not kept. */
const byDeadline = (done: boolean, quarter: string, days: number, now: Date): Verdict => {
  if (done) return 'kept';
  return now.getTime() < quarterBounds(quarter).start.getTime() + days * DAY_MS ? 'not-yet-measurable' : 'not-kept';
};

const firstResponse = ({ figures }: CommitmentFacts): PromiseReading => {
  const { met, missed, share: value } = figures.customerService.answeredWithin24Hours;
  const verdict: Verdict = met + missed === 0 ? 'not-yet-measurable' : missed === 0 ? 'kept' : 'not-kept';
  return { id: 'first-response-within-24-hours', figure: share(value), verdict };
};

/** The latest month of the quarter with enough answers to tell. */
const satisfaction = ({ figures }: CommitmentFacts): PromiseReading => {
  const told = figures.satisfaction.months.filter((m) => m.verdict !== 'not-enough-responses').at(-1);
  const verdict: Verdict = !told ? 'not-yet-measurable' : told.verdict === 'met' ? 'kept' : 'not-kept';
  return { id: 'satisfaction-at-least-90-percent', figure: share(told?.score ?? null), verdict };
};

const audit = ({ figures }: CommitmentFacts, now: Date): PromiseReading => {
  const { completed, onSchedule } = figures.security.audits;
  return { id: 'security-audit-every-quarter', figure: count(completed), verdict: byDeadline(onSchedule, figures.quarter, deadlineDays.audit, now) };
};

const education = ({ figures }: CommitmentFacts, now: Date): PromiseReading => {
  const { campaigns } = figures.security.education;
  return { id: 'education-campaign-every-quarter', figure: count(campaigns), verdict: byDeadline(campaigns > 0, figures.quarter, deadlineDays.education, now) };
};

/** Every revision submitted by the previous check (an hour ago) has been screened by now. */
const contentReview = ({ trustAndSafety, submittedByPreviousCheck }: CommitmentFacts): PromiseReading => {
  const { screened } = trustAndSafety.contentReviews;
  const due = submittedByPreviousCheck ?? 0;
  const verdict: Verdict = due === 0 ? 'not-yet-measurable' : screened >= due ? 'kept' : 'not-kept';
  return { id: 'content-reviewed-before-publication', figure: share(due === 0 ? null : Math.min(1, screened / due)), verdict };
};

const rewards = ({ trustAndSafety }: CommitmentFacts): PromiseReading => {
  const { credited, creditedLate } = trustAndSafety.rewards;
  const verdict: Verdict = credited === 0 ? 'not-yet-measurable' : creditedLate === 0 ? 'kept' : 'not-kept';
  return { id: 'valid-reports-rewarded', figure: share(ratio(credited - creditedLate, credited)), verdict };
};

const report = ({ figures, previousReportPublishedAt }: CommitmentFacts, now: Date): PromiseReading => ({
  id: 'transparency-report-every-quarter',
  figure: count(previousReportPublishedAt ? 1 : 0),
  verdict: byDeadline(previousReportPublishedAt !== null, figures.quarter, deadlineDays.report, now),
});

const privacyPolicy = ({ figures }: CommitmentFacts): PromiseReading => {
  const version = figures.dataUse.privacyPolicy.versionInForce;
  return { id: 'privacy-policy-published', figure: { value: version, unit: 'version' }, verdict: version === null ? 'not-kept' : 'kept' };
};

/** Every promise's reading of the quarter's figures at `now`, in the plan's order. */
export const readPromises = (facts: CommitmentFacts, now: Date): PromiseReading[] => [
  firstResponse(facts),
  satisfaction(facts),
  audit(facts, now),
  education(facts, now),
  contentReview(facts),
  rewards(facts),
  report(facts, now),
  privacyPolicy(facts),
];
