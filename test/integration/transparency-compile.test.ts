import { randomUUID } from 'node:crypto';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { fixedClock } from '#shared/clock.ts';
import { createTableInput } from '#infra/local/dynamodb.ts';
import type { CheckResult } from '#shared/security/domain/audit.ts';
import type { ReportFigures, ReportVersion } from '#shared/transparency/domain/report.ts';
import { reportCsv } from '#shared/transparency/domain/report-csv.ts';
import { reportHtml } from '#shared/transparency/http/report-html.ts';
import { compileReport } from '#shared/transparency/use-cases/compile-report.ts';
import type { ReportSources } from '#shared/transparency/use-cases/report-sources.ts';
import { reportSourcesFromEnvironment } from '#shared/transparency/wiring/report-sources.ts';
import { tables } from '#infra/manifest.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import { PRIVACY_REQUESTS_JOB } from '#shared/privacy/manifest.ts';
import { privacyApiHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-api.ts';
import { privacyRequestsHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-jobs.ts';
import { invokeApi, lambdaContext } from '../support/events.ts';
import { privacyTestEnvironment } from '../support/privacy-harness.ts';
import { createAccessLogHarness } from '../support/access-log-harness.ts';
import { createCustomerServiceHarness } from '../support/complaints-harness.ts';
import { createIncidentsHarness } from '../support/incidents-harness.ts';
import { createModerationHarness, scamNotice, type ModerationHarness } from '../support/moderation-harness.ts';
import { createSecurityHarness } from '../support/security-harness.ts';
import { createSurveysHarness } from '../support/surveys-harness.ts';
import { createTransparencyHarness } from '../support/transparency-harness.ts';

/**
 * A scripted quarter (2034-Q3) of activity through each context's own handlers on DynamoDB Local,
 * then the report compiled from what the contexts kept. Every expected number is worked out from
 * the script below (what was filed, answered, decided, when), not read from the output.
 *
 * The contexts' harnesses keep tables of their own, so the report's sources are the real readers
 * (`reportSourcesFromEnvironment`) each pointed at the tables of the context it reads.
 */

const QUARTER = '2034-Q3';
const MONTHS = ['2034-07', '2034-08', '2034-09'];
const COMPILED_AT = new Date('2034-10-01T06:00:00.000Z');
const MINUTE_MS = 60_000;
/** Every person, post and check id the script makes: none may appear in the report. */
const scriptedIds: string[] = [];
const uid = (name: string) => {
  const id = `${name}-${randomUUID().slice(0, 8)}`;
  scriptedIds.push(id);
  return id;
};

/** The q-quantile (nearest rank) of durations that all fall on a histogram bucket's upper edge, as the figures report them. */
const nearestRank = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.max(1, Math.ceil(q * values.length)) - 1]!;

/** Each context's part of the script, and what it makes the report state. */
const script = {
  complaints: [
    // [channel, category, first reply after (min), resolved after (min) or null]: every duration on a bucket edge.
    { channel: 'app', category: 'billing', replyAfter: 30, resolveAfter: 120 },
    { channel: 'web', category: 'billing', replyAfter: 120, resolveAfter: 240 },
    { channel: 'app', category: 'fraud', replyAfter: 1500, resolveAfter: null },
  ],
  activePeople: { '2034-07': 1_000, '2034-08': 2_000, '2034-09': 3_000 } as Record<string, number>,
  noticeToRemovalMinutes: 90,
  appealDecidedAfterMinutes: 2880,
  csatAnswers: [5, 5, 4, 5, 2, 5],
  acknowledgements: 2,
};

let figures: ReportFigures;
let moderation: ModerationHarness;
let staffReadsOfOwners = 0;
let policyPublishedAt = '';

const fileComplaints = async () => {
  const clock = fixedClock('2034-07-03T09:00:00.000Z');
  const cs = await createCustomerServiceHarness({ clock });
  const accessLog = createAccessLogHarness({ clock });
  const agent = { sub: uid('agent'), role: 'agent' as const };
  const start = clock.now().getTime();
  const owners: Array<{ sub: string }> = [];
  const ids: string[] = [];
  for (const complaint of script.complaints) {
    const owner = { sub: uid('owner') };
    const filed = await cs.invoke({
      routeKey: 'POST /v1/complaints',
      caller: owner,
      body: { channel: complaint.channel, category: complaint.category, subject: 'Charged twice', description: 'My card was charged twice for one order.' },
    });
    expect(filed.status).toBe(201);
    owners.push(owner);
    ids.push(filed.body!.id as string);
  }
  // Replies and resolutions in time order, all counted from the same filing instant.
  const steps = script.complaints
    .flatMap((c, i) => [
      { at: c.replyAfter, run: () => cs.invoke({ routeKey: 'POST /v1/complaints/{id}/messages', caller: agent, pathParameters: { id: ids[i]! }, body: { body: 'We are on it.' } }) },
      ...(c.resolveAfter === null
        ? []
        : [{ at: c.resolveAfter, run: () => cs.invoke({ routeKey: 'POST /v1/complaints/{id}/status', caller: agent, pathParameters: { id: ids[i]! }, body: { status: 'resolved' } }) }]),
    ])
    .sort((a, b) => a.at - b.at);
  for (const step of steps) {
    clock.advance(start + step.at * MINUTE_MS - clock.now().getTime());
    const answer = await step.run();
    expect(answer.status).toBeLessThan(300);
  }
  // A staff read of the first complaint, with its reason: recorded in the access log and counted.
  const read = await cs.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: agent, pathParameters: { id: ids[0]! }, headers: { 'x-access-reason': 'checking the refund' } });
  expect(read.status).toBe(200);
  for (const owner of owners) {
    const log = await accessLog({ routeKey: 'GET /v1/me/access-log', caller: owner });
    staffReadsOfOwners += (log.body!.items as unknown[]).length;
  }
  return cs;
};

const moderate = async () => {
  const clock = fixedClock('2034-08-04T09:00:00.000Z');
  moderation = await createModerationHarness({ clock });
  const reporter = { sub: uid('reporter'), role: 'user' as const };
  const author = uid('author');
  const moderator = (sub: string) => ({ sub, role: 'moderator' as const });
  const removed = uid('post');
  const kept = uid('post');
  for (const contentId of [removed, kept]) {
    expect((await moderation.invoke({ routeKey: 'POST /v1/reports', caller: reporter, body: scamNotice(contentId) })).status).toBe(202);
  }
  await moderation.drain();
  const listed = await moderation.invoke({ routeKey: 'GET /v1/moderation/cases', caller: moderator('lister'), query: { limit: '100' } });
  const caseOf = (contentId: string) => (listed.body!.items as Array<{ id: string; contentId: string }>).find((c) => c.contentId === contentId)!.id;
  const decide = async (contentId: string, body: Record<string, unknown>) => {
    const id = caseOf(contentId);
    await moderation.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/claim', caller: moderator('mod-first'), pathParameters: { id } });
    const decided = await moderation.invoke({ routeKey: 'POST /v1/moderation/cases/{id}/decision', caller: moderator('mod-first'), pathParameters: { id }, body });
    expect(decided.status).toBe(200);
    return id;
  };
  clock.advance(script.noticeToRemovalMinutes * MINUTE_MS);
  const removedCase = await decide(removed, {
    action: 'remove',
    ground: 'terms',
    groundReference: 'Terms of service 4.2: fraud and scams',
    groundExplanation: 'The post solicits cryptocurrency with a promise of returns that are never made.',
    facts: 'The wallet address in the post received payments that were never returned.',
    contentType: 'text',
    affectedAccountId: author,
  });
  await decide(kept, { action: 'no_action' });
  // The author appeals the removal; a second moderator reverses it two days later, cancelling the reporter's reward.
  const appeal = await moderation.invoke({ routeKey: 'POST /v1/appeals', caller: { sub: author, role: 'user' }, body: { caseId: removedCase, explanation: 'My post was satire.' } });
  expect(appeal.status).toBe(201);
  clock.advance(script.appealDecidedAfterMinutes * MINUTE_MS);
  const reversed = await moderation.invoke({
    routeKey: 'POST /v1/moderation/appeals/{id}/decision',
    caller: moderator('mod-second'),
    pathParameters: { id: appeal.body!.id as string },
    body: { outcome: 'reversed', explanation: 'On a second look the post is satire.' },
  });
  expect(reversed.status).toBe(200);
};

const answerSurvey = async () => {
  const clock = fixedClock('2034-07-01T00:30:00.000Z');
  const policy = { expectedActiveUsers: 1, expectedResponseRate: 1, margin: 0.07, target: { rule: 'pointEstimateAtLeast' as const, threshold: 0.9, minimumResponses: 5 } };
  const surveys = await createSurveysHarness({ clock, policy });
  await surveys.runJob();
  for (const satisfaction of script.csatAnswers) {
    const person = { sub: uid('person'), role: 'user' as const };
    await surveys.invoke({ routeKey: 'GET /v1/surveys/current', caller: person });
    const answered = await surveys.invoke({ routeKey: 'PUT /v1/surveys/{id}/response', caller: person, pathParameters: { id: '2034-07-monthly' }, body: { answers: { satisfaction } } });
    expect(answered.status).toBeLessThan(300);
  }
  return surveys;
};

/** The figures table the platform's active people are reported into (the incidents harness's, named here). */
const activePeopleTable = `figures-${randomUUID().slice(0, 8)}`;

const runSecurity = async () => {
  const clock = fixedClock('2034-07-01T03:00:00.000Z');
  await createDynamoClients().client.send(new CreateTableCommand(createTableInput(tables.figures, activePeopleTable)));
  const security = await createSecurityHarness({ clock });
  const check = (checkId: string, outcome: CheckResult['outcome']): CheckResult => ({
    checkId,
    resource: 'table:complaints',
    outcome,
    severity: 'high',
    ownerTeam: 'platform',
    title: 'Point-in-time recovery is on',
    detail: outcome === 'failed' ? 'Point-in-time recovery is off' : 'as expected',
  });
  security.setResults([check(uid('check'), 'failed'), check(uid('check'), 'passed')]);
  await security.runScheduled(clock.now());
  const incidents = await createIncidentsHarness({ clock, env: { [tables.figures.envVar]: activePeopleTable } });
  const officer = { sub: uid('sec'), role: 'security' as const };
  const admin = { sub: uid('admin'), role: 'admin' as const };
  for (const month of MONTHS) {
    clock.advance(Date.parse(`${month}-02T00:00:00.000Z`) - clock.now().getTime());
    const reported = await incidents.invokePlatform({ routeKey: 'PUT /v1/platform/active-people/{month}', caller: admin, pathParameters: { month }, body: { activePeople: script.activePeople[month] } });
    expect(reported.status).toBeLessThan(300);
  }
  // Recorded once detected (the register takes no incident detected in the future).
  const recorded = await incidents.invoke({
    routeKey: 'POST /v1/security/incidents',
    caller: officer,
    body: { category: 'account-takeover', severity: 'medium', detectedAt: '2034-08-10T08:00:00.000Z', affectedPeople: 3, personalDataInvolved: false },
  });
  expect(recorded.status, JSON.stringify(recorded.body)).toBe(201);
  return { security, incidents };
};

const publishPolicy = async () => {
  const clock = fixedClock('2034-07-05T10:00:00.000Z');
  const transparency = await createTransparencyHarness({ clock });
  const comms = { sub: uid('comms'), role: 'comms' as const };
  const draft = await transparency.invoke({
    routeKey: 'POST /v1/privacy-policy/drafts',
    caller: comms,
    body: {
      effectiveDate: '2034-07-05',
      text: { en: '# Privacy policy\n\nWe protect your data.\n', 'zh-CN': '# 隐私政策\n\n我们保护您的数据。\n' },
      summaryOfChanges: { en: 'First version', 'zh-CN': '第一版' },
    },
  });
  expect(draft.status).toBe(201);
  const published = await transparency.invoke({ routeKey: 'POST /v1/privacy-policy/drafts/{id}/publish', caller: comms, pathParameters: { id: draft.body!.id as string }, body: { revision: 1 } });
  expect(published.status).toBeLessThan(300);
  // Published at the clock's time, which the script does not move.
  policyPublishedAt = clock.now().toISOString();
  for (let i = 0; i < script.acknowledgements; i += 1) {
    const acknowledged = await transparency.invoke({ routeKey: 'POST /v1/privacy-policy/acknowledgements', caller: { sub: uid('person'), role: 'user' }, body: { version: 1 } });
    expect(acknowledged.status).toBeLessThan(300);
  }
  return transparency;
};

/** Two people's requests over their data in the quarter: an export answered in 2 hours, an erasure never run. */
const askPrivacyRequests = async () => {
  const env = await privacyTestEnvironment();
  const clock = fixedClock('2034-08-10T09:00:00.000Z');
  const invoke = invokeApi(privacyApiHandlerFromEnvironment({ env, clock, correctors: [] }));
  await invoke({ routeKey: 'POST /v1/me/data-exports', caller: { sub: uid('exporter') } });
  await invoke({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: uid('eraser') } });
  clock.advance(2 * 3_600_000);
  await privacyRequestsHandlerFromEnvironment({ env, holders: [] })(jobEvent(PRIVACY_REQUESTS_JOB, clock.now()), lambdaContext());
  return env;
};

beforeAll(async () => {
  const [cs, , surveys, { security, incidents }, transparency, privacyEnv] = await Promise.all([fileComplaints(), moderate(), answerSurvey(), runSecurity(), publishPolicy(), askPrivacyRequests()]);
  const { document } = createDynamoClients();
  const base = process.env;
  const over = (env: NodeJS.ProcessEnv) => reportSourcesFromEnvironment(document, env, fixedClock(COMPILED_AT));
  const customerService = over({ ...base, [tables.figures.envVar]: cs.tableNames.figures });
  const trustAndSafety = over(moderation.env);
  const satisfaction = over(surveys.env);
  const programme = over({ ...base, [tables.security.envVar]: security.tableName, [tables.securityIncidents.envVar]: incidents.incidentsTable, [tables.figures.envVar]: activePeopleTable });
  const policy = over({ ...base, [tables.transparency.envVar]: transparency.names.transparency, [tables.figures.envVar]: transparency.names.figures });
  const sources: ReportSources = {
    quarterCounters: (context, quarter) => (context === 'moderation' ? trustAndSafety : customerService).quarterCounters(context, quarter),
    activePeopleBetween: programme.activePeopleBetween,
    monthlySurveyResults: satisfaction.monthlySurveyResults,
    securityFigures: programme.securityFigures,
    privacyPolicyAt: policy.privacyPolicyAt,
    acknowledgementsByVersion: policy.acknowledgementsByVersion,
    dataSubjectRequests: over(privacyEnv).dataSubjectRequests,
  };
  figures = await compileReport(sources, QUARTER, COMPILED_AT);
}, 120_000);

afterAll(async () => {
  await moderation?.stop();
});

describe('the report compiled from a scripted quarter', () => {
  it('holds nothing personal in any public format: no id of a person, post or check, no text a person wrote', () => {
    const version: ReportVersion = {
      quarter: QUARTER,
      version: 1,
      publishedAt: COMPILED_AT.toISOString(),
      contentHash: `sha256:${'0'.repeat(64)}`,
      supersedes: null,
      correction: null,
      figures,
      qualitative: { en: { summary: 'Summary', sections: [] }, 'zh-CN': { summary: '摘要', sections: [] } },
    };
    const outputs = [JSON.stringify(version), reportCsv(version), reportHtml(version, 'en', '/r'), reportHtml(version, 'zh-CN', '/r')];

    expect(scriptedIds.length).toBeGreaterThan(10);
    for (const output of outputs) {
      for (const id of scriptedIds) expect(output).not.toContain(id);
      expect(output).not.toMatch(/Charged twice|charged twice for one order|@example\./);
    }
  });

  it('states the quarter and when it was compiled', () => {
    expect(figures).toMatchObject({
      quarter: QUARTER,
      period: { start: '2034-07-01T00:00:00.000Z', end: '2034-10-01T00:00:00.000Z' },
      compiledAt: COMPILED_AT.toISOString(),
    });
  });

  it('counts the complaints, the promise, the response and resolution times, and the rate per thousand', () => {
    const { complaints } = script;
    const count = (key: 'channel' | 'category', value: string) => complaints.filter((c) => c[key] === value).length;
    const met = complaints.filter((c) => c.replyAfter <= 24 * 60).length;
    const resolvedMinutes = complaints.flatMap((c) => (c.resolveAfter === null ? [] : [c.resolveAfter]));
    const replyMinutes = complaints.map((c) => c.replyAfter);
    const meanActive = MONTHS.reduce((sum, m) => sum + script.activePeople[m]!, 0) / MONTHS.length;

    const section = figures.customerService;
    expect(section.received).toBe(complaints.length);
    expect(section.receivedByChannel).toMatchObject({ app: count('channel', 'app'), web: count('channel', 'web'), email: 0 });
    expect(section.receivedByCategory).toMatchObject({ billing: count('category', 'billing'), fraud: count('category', 'fraud'), privacy: 0 });
    expect(section.monthlyActivePeople).toBe(meanActive);
    expect(section.complaintsPerThousandActivePeople).toBeCloseTo((complaints.length / meanActive) * 1000, 10);
    expect(section.answeredWithin24Hours).toEqual({ met, missed: complaints.length - met, share: met / complaints.length });
    expect(section.firstResponseMinutes).toEqual({ median: nearestRank(replyMinutes, 0.5), p90: nearestRank(replyMinutes, 0.9) });
    expect(section.resolved).toBe(resolvedMinutes.length);
    expect(section.resolvedLate).toBe(0);
    expect(section.resolutionHours).toEqual({ median: nearestRank(resolvedMinutes, 0.5) / 60, p90: nearestRank(resolvedMinutes, 0.9) / 60 });
    // No SLA sweep ran in the script: breaches are found by the sweep only.
    expect(section.breaches.total).toBe(0);
  });

  it('counts notices, decisions, the appeal and its time to decide, and the reward it cancelled', () => {
    const section = figures.trustAndSafety;
    expect(section.notices).toMatchObject({ total: 2, byTrustedFlaggers: 0, medianMinutesToAction: script.noticeToRemovalMinutes });
    expect(section.notices.byCategory).toMatchObject({ fraud_or_scam: 2, privacy: 0 });
    expect(section.notices.bySource).toMatchObject({ user: 2, trusted_flagger: 0, anonymous: 0 });
    expect(section.decisions).toMatchObject({ total: 2, onTermsGround: 1, onLegalGround: 0, automatedOnly: 0, automatedOnlyShare: 0 });
    expect(section.decisions.byRestriction).toMatchObject({ remove: 1, no_action: 1, label: 0 });
    expect(section.appeals).toEqual({ received: 1, outcomes: { upheld: 0, partly_reversed: 0, reversed: 1 }, medianHoursToDecide: script.appealDecidedAfterMinutes / 60 });
    expect(section.rewards).toEqual({ granted: 0, cancelled: 1, points: 0 });
    expect(section.suspensions).toBe(0);
    expect(section.authorityOrders.received).toEqual({ act: 0, provideInformation: 0 });
  });

  it('states each month of satisfaction with its interval and verdict', () => {
    const n = script.csatAnswers.length;
    const satisfied = script.csatAnswers.filter((s) => s >= 4).length;
    const [july, august, september] = figures.satisfaction.months;
    expect(figures.satisfaction.months.map((m) => m.month)).toEqual(MONTHS);
    expect(july).toMatchObject({ responses: n, score: satisfied / n, target: 0.9, verdict: satisfied / n >= 0.9 ? 'met' : 'not-met' });
    expect(july!.interval!.lower).toBeLessThan(satisfied / n);
    expect(august).toMatchObject({ responses: 0, score: null, interval: null, verdict: 'not-enough-responses' });
    expect(september).toMatchObject({ responses: 0, score: null, verdict: 'not-enough-responses' });
  });

  it('states the audit on schedule, its finding overdue at the quarter end, and the incident rate', () => {
    const meanActive = MONTHS.reduce((sum, m) => sum + script.activePeople[m]!, 0) / MONTHS.length;
    const section = figures.security;
    expect(section.audits).toEqual({ scheduled: 1, completed: 1, onDemand: 0, failed: 0, onSchedule: true });
    // One high finding opened on 1 July and never fixed: past its 30 days by the quarter's end.
    expect(section.findings).toMatchObject({ opened: { high: 1, critical: 0 }, resolved: { high: 0 }, overdue: { high: 1 }, medianDaysToFix: null });
    expect(section.incidents).toMatchObject({ total: 1, byCategory: { 'account-takeover': 1, 'personal-data-breach': 0 } });
    expect(section.incidents.ratePerMillionActivePeople).toBeCloseTo((1 / meanActive) * 1_000_000, 10);
    expect(section.education).toEqual({ campaigns: 0, reached: 0, delivered: 0, readShare: null });
  });

  it('states the staff reads by role and kind, and the privacy policy version, changes and acknowledgements', () => {
    const section = figures.dataUse;
    expect(staffReadsOfOwners).toBeGreaterThan(0);
    expect(section.staffAccesses.total).toBe(staffReadsOfOwners);
    expect(section.staffAccesses.byRole).toMatchObject({ agent: staffReadsOfOwners, moderator: 0 });
    expect(section.staffAccesses.byResourceKind.complaint).toBeGreaterThan(0);
    expect(Object.values(section.staffAccesses.byResourceKind).reduce((a, b) => a + b, 0)).toBe(staffReadsOfOwners);
    expect(section.dataSubjectRequests).toEqual({
      'export.requested': 1,
      'export.completed': 1,
      'export.completed-on-time': 1,
      'export.cancelled': 0,
      'export.overdue': 0,
      'export.median-hours-to-complete': 2,
      'export.max-hours-to-complete': 2,
      'erasure.requested': 1,
      'erasure.completed': 0,
      'erasure.completed-on-time': 0,
      'erasure.cancelled': 0,
      // The requests job never ran again after its cooling-off: past its 30 days when compiled.
      'erasure.overdue': 1,
    });
    expect(section.privacyPolicy).toEqual({
      versionInForce: 1,
      changes: [{ version: 1, publishedAt: policyPublishedAt, effectiveAt: '2034-07-05T00:00:00.000Z', summary: { en: 'First version', 'zh-CN': '第一版' } }],
      acknowledgements: { 1: script.acknowledgements },
    });
    expect(JSON.stringify(figures)).not.toMatch(/owner-|author-|reporter-|checking the refund/);
  });
});
