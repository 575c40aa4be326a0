import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#infra/manifest.ts';
import { fixedClock, HOUR_MS } from '#shared/clock.ts';
import { isEncryptionSdkCiphertext } from '#shared/security/audit/personal-data-detectors.ts';
import { NOTICE_WARNING_HOURS_ENV } from '#shared/security/wiring/security-watch.ts';
import { invokedViolations } from '../support/contract.ts';
import { createIncidentsHarness, type IncidentsHarness } from '../support/incidents-harness.ts';

/**
 * The incident register on DynamoDB Local, each answer held to the OpenAPI document: incidents
 * with their 72-hour regulator deadline, notes and reasons stored as ciphertext, times kept in
 * order, the hourly count of deadlines due, and the quarter's figures with the rate per million
 * of the active people an administrator reported through the platform's route.
 */

const start = new Date('2031-03-10T12:00:00.000Z');
const hoursBefore = (hours: number, from: Date = start) => new Date(from.getTime() - hours * HOUR_MS).toISOString();
const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;
const officer = { sub: uid('sec'), role: 'security' as const };
const admin = { sub: uid('admin'), role: 'admin' as const };

type Request = Parameters<IncidentsHarness['invoke']>[0];
type Answer = Awaited<ReturnType<IncidentsHarness['invoke']>>;

const held = (request: Request, answer: Answer): Answer => {
  expect(invokedViolations(request, answer)).toEqual([]);
  return answer;
};
/** Calls the incidents function and holds the answer to the OpenAPI contract. */
const call = async (harness: IncidentsHarness, request: Request) => held(request, await harness.invoke(request));
/** Calls the platform function and holds the answer to the OpenAPI contract. */
const callPlatform = async (harness: IncidentsHarness, request: Request) => held(request, await harness.invokePlatform(request));

const breach = (overrides: Record<string, unknown> = {}) => ({
  category: 'personal-data-breach',
  severity: 'high',
  detectedAt: hoursBefore(10),
  affectedPeople: 120,
  personalDataInvolved: true,
  ...overrides,
});

const record = (harness: IncidentsHarness, body: unknown) => call(harness, { routeKey: 'POST /v1/security/incidents', caller: officer, body });
const read = (harness: IncidentsHarness, id: string) => call(harness, { routeKey: 'GET /v1/security/incidents/{id}', caller: officer, pathParameters: { id } });
const change = (harness: IncidentsHarness, id: string, body: unknown) =>
  call(harness, { routeKey: 'PATCH /v1/security/incidents/{id}', caller: officer, pathParameters: { id }, body });

describe('an incident with personal data', () => {
  it('shows its 72-hour deadline from awareness, overdue once passed, and stops once the regulator is told', async () => {
    // Prepare
    const clock = fixedClock(start);
    const harness = await createIncidentsHarness({ clock });

    // Act
    const recorded = await record(harness, breach({ awareAt: hoursBefore(6) }));
    const id = recorded.body!.id as string;
    clock.advance(70 * HOUR_MS);
    const overdue = await read(harness, id);
    const notified = await change(harness, id, { regulatorNotifiedAt: clock.now().toISOString() });

    // Assess
    expect(recorded.status).toBe(201);
    expect(recorded.headers.location).toBe(`/v1/security/incidents/${id}`);
    expect(recorded.body).toMatchObject({
      status: 'open',
      awareAt: hoursBefore(6),
      regulatorNotice: { deadline: new Date(start.getTime() + 66 * HOUR_MS).toISOString(), hoursLeft: 66, overdue: false, late: false },
      peopleNoticePending: true,
    });
    expect(overdue.body!.regulatorNotice).toMatchObject({ hoursLeft: -4, overdue: true });
    expect(notified.body!.regulatorNotice).toMatchObject({ notifiedAt: clock.now().toISOString(), hoursLeft: null, overdue: false, late: true });
  });

  it('tracks the decision on telling the people, its reason stored as ciphertext', async () => {
    // Prepare
    const clock = fixedClock(start);
    const harness = await createIncidentsHarness({ clock });
    const id = (await record(harness, breach())).body!.id as string;
    const reason = 'The leaked records were encrypted; jane.doe@example.com confirmed the key was not exposed';

    // Act
    const decided = await change(harness, id, { peopleNotice: { decision: 'not-required', reason, decidedAt: hoursBefore(1) } });
    const raw = await rawItems(harness, id);

    // Assess
    expect(decided.status).toBe(200);
    expect(decided.body).toMatchObject({ peopleNotice: { decision: 'not-required', reason, decidedAt: hoursBefore(1) }, peopleNoticePending: false });
    expect((await read(harness, id)).body!.peopleNotice.reason).toBe(reason);
    const item = raw.find((i) => i.sk === 'INCIDENT')!;
    expect(isEncryptionSdkCiphertext(item.sealedNoticeReason as Uint8Array)).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('jane.doe');
  });
});

/** Every item of an incident's partition, as DynamoDB holds it. */
const rawItems = async (harness: IncidentsHarness, id: string) =>
  (
    await harness.document.send(
      new QueryCommand({ TableName: harness.incidentsTable, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INCIDENT#${id}` } }),
    )
  ).Items ?? [];

describe('timeline notes', () => {
  it('are ciphertext in the table and read back in order, opened', async () => {
    // Prepare
    const clock = fixedClock(start);
    const harness = await createIncidentsHarness({ clock });
    const first = 'Account of jane.doe@example.com showed logins from a new country';
    const second = 'Sessions revoked; card 4111 1111 1111 1111 blocked';

    // Act
    const id = (await record(harness, breach({ category: 'account-takeover', note: first }))).body!.id as string;
    clock.advance(HOUR_MS);
    const added = await call(harness, { routeKey: 'POST /v1/security/incidents/{id}/notes', caller: officer, pathParameters: { id }, body: { text: second } });
    const detail = await read(harness, id);
    const raw = await rawItems(harness, id);

    // Assess
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ text: second, by: officer.sub, at: clock.now().toISOString() });
    expect(detail.body!.notes.map((note: { text: string }) => note.text)).toEqual([first, second]);
    const notes = raw.filter((item) => String(item.sk).startsWith('NOTE#'));
    expect(notes).toHaveLength(2);
    for (const note of notes) {
      expect(isEncryptionSdkCiphertext(note.sealedText as Uint8Array)).toBe(true);
      expect(note).not.toHaveProperty('text');
    }
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain('jane.doe');
    expect(stored).not.toContain('4111');
  });

  it('on an incident that does not exist: 404', async () => {
    // Prepare
    const harness = await createIncidentsHarness({ clock: fixedClock(start) });

    // Act
    const answer = await call(harness, {
      routeKey: 'POST /v1/security/incidents/{id}/notes',
      caller: officer,
      pathParameters: { id: 'inc_01J00000000000000000000000' },
      body: { text: 'lost' },
    });

    // Assess
    expect(answer.status).toBe(404);
  });
});

describe('times out of order', () => {
  let harness: IncidentsHarness;
  beforeAll(async () => {
    harness = await createIncidentsHarness({ clock: fixedClock(start) });
  });

  it.each([
    ['contained before detected', breach({ containedAt: hoursBefore(11) }), 'containedAt'],
    ['resolved without being contained', breach({ resolvedAt: hoursBefore(1) }), 'resolvedAt'],
    ['detected in the future', breach({ detectedAt: new Date(start.getTime() + HOUR_MS).toISOString() }), 'detectedAt'],
    ['the regulator told of an incident without personal data', breach({ personalDataInvolved: false, regulatorNotifiedAt: hoursBefore(1) }), 'regulatorNotifiedAt'],
  ])('are refused with a 400 naming the field: %s', async (_, body, field) => {
    // Act
    const answer = await record(harness, body);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body!.errors).toEqual([{ in: 'body', path: field, message: expect.any(String) }]);
  });

  it('are refused on a change too, which leaves the incident as it was', async () => {
    // Prepare
    const id = (await record(harness, breach({ containedAt: hoursBefore(5) }))).body!.id as string;

    // Act
    const answer = await change(harness, id, { resolvedAt: hoursBefore(6) });
    const after = await read(harness, id);

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body!.errors).toEqual([{ in: 'body', path: 'resolvedAt', message: expect.any(String) }]);
    expect(after.body).toMatchObject({ status: 'contained' });
    expect(after.body).not.toHaveProperty('resolvedAt');
  });
});

describe('the list', () => {
  it('is newest detection first, filtered by status and category, with sealed cursors', async () => {
    // Prepare
    const harness = await createIncidentsHarness({ clock: fixedClock(start) });
    const oldest = (await record(harness, breach({ detectedAt: hoursBefore(30), containedAt: hoursBefore(20) }))).body!.id;
    const middle = (await record(harness, breach({ category: 'fraud-wave', personalDataInvolved: false, detectedAt: hoursBefore(20) }))).body!.id;
    const newest = (await record(harness, breach({ detectedAt: hoursBefore(10) }))).body!.id;
    const list = (query: Record<string, string>) => call(harness, { routeKey: 'GET /v1/security/incidents', caller: officer, query });

    // Act
    const first = await list({ limit: '2' });
    const rest = await list({ limit: '2', cursor: first.body!.nextCursor });
    const open = await list({ status: 'open' });
    const breaches = await list({ category: 'personal-data-breach' });
    const replayed = await list({ status: 'open', cursor: first.body!.nextCursor });

    // Assess
    const ids = (answer: Answer) => answer.body!.items.map((incident: { id: string }) => incident.id);
    expect(ids(first)).toEqual([newest, middle]);
    expect(ids(rest)).toEqual([oldest]);
    expect(rest.body!.nextCursor).toBeNull();
    expect(ids(open)).toEqual([newest, middle]);
    expect(ids(breaches)).toEqual([newest, oldest]);
    expect(replayed.status).toBe(400);
  });
});

describe('who may use the register', () => {
  it.each(['user', 'agent', 'moderator', 'admin'] as const)('refuses the %s role on every route', async (role: Role) => {
    // Prepare
    const harness = await createIncidentsHarness({ clock: fixedClock(start) });
    const id = (await record(harness, breach())).body!.id as string;
    const caller = { sub: uid(role), role };

    // Act
    const answers = await Promise.all([
      call(harness, { routeKey: 'POST /v1/security/incidents', caller, body: breach() }),
      call(harness, { routeKey: 'GET /v1/security/incidents', caller }),
      call(harness, { routeKey: 'GET /v1/security/incidents/figures', caller, query: { quarter: '2031-Q1' } }),
      call(harness, { routeKey: 'GET /v1/security/incidents/{id}', caller, pathParameters: { id } }),
      call(harness, { routeKey: 'PATCH /v1/security/incidents/{id}', caller, pathParameters: { id }, body: { affectedPeople: 1 } }),
      call(harness, { routeKey: 'POST /v1/security/incidents/{id}/notes', caller, pathParameters: { id }, body: { text: 'x' } }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect((await read(harness, id)).body!.affectedPeople).toBe(120);
  });
});

describe('the deadline job', () => {
  it('counts the incidents whose regulator notification is due within the warning hours or overdue', async () => {
    // Prepare: deadlines in 12 h (due), passed 8 h ago (overdue), in 62 h (not yet due); one notified, one without personal data
    const clock = fixedClock(start);
    const harness = await createIncidentsHarness({ clock, env: { [NOTICE_WARNING_HOURS_ENV]: '24' } });
    await record(harness, breach({ detectedAt: hoursBefore(60) }));
    await record(harness, breach({ detectedAt: hoursBefore(80) }));
    await record(harness, breach({ detectedAt: hoursBefore(10) }));
    await record(harness, breach({ detectedAt: hoursBefore(80), regulatorNotifiedAt: hoursBefore(20) }));
    await record(harness, breach({ detectedAt: hoursBefore(80), personalDataInvolved: false }));

    // Act
    const now = await harness.runDeadlines(start);
    const later = await harness.runDeadlines(new Date(start.getTime() + 40 * HOUR_MS));

    // Assess
    expect(now).toMatchObject({ due: 2, overdue: 1, warningHours: 24, findings: { overdue: expect.any(Number) } });
    expect(later).toMatchObject({ due: 3, overdue: 2, warningHours: 24 });
  });
});

describe('the figures and the reported active people', () => {
  it('compute the rate per million from the months an administrator reported', async () => {
    // Prepare: two incidents in 2030-Q4; October 1.5 M and November 2.5 M active people (December not reported)
    const harness = await createIncidentsHarness({ clock: fixedClock(start) });
    const report = (month: string, activePeople: unknown, caller: { sub: string; role: Role } = admin) =>
      callPlatform(harness, { routeKey: 'PUT /v1/platform/active-people/{month}', caller, pathParameters: { month }, body: { activePeople } });
    await record(harness, breach({ detectedAt: '2030-10-02T08:00:00.000Z', containedAt: '2030-10-02T11:00:00.000Z' }));
    await record(harness, breach({ category: 'availability', severity: 'low', personalDataInvolved: false, detectedAt: '2030-12-20T00:00:00.000Z' }));
    await record(harness, breach({ detectedAt: '2031-01-02T00:00:00.000Z' }));

    // Act
    const reported = await report('2030-10', 1_000_000);
    const corrected = await report('2030-10', 1_500_000);
    await report('2030-11', 2_500_000);
    const readBack = await callPlatform(harness, { routeKey: 'GET /v1/platform/active-people/{month}', caller: admin, pathParameters: { month: '2030-10' } });
    const figures = await call(harness, { routeKey: 'GET /v1/security/incidents/figures', caller: officer, query: { quarter: '2030-Q4' } });
    const unreported = await call(harness, { routeKey: 'GET /v1/security/incidents/figures', caller: officer, query: { quarter: '2030-Q3' } });

    // Assess: 2 incidents / ((1.5 M + 2.5 M) / 2) x 1 M = 1
    expect([reported.status, corrected.status]).toEqual([201, 200]);
    expect(readBack.body).toMatchObject({ month: '2030-10', activePeople: 1_500_000, reportedBy: admin.sub });
    expect(figures.body).toMatchObject({
      quarter: '2030-Q4',
      incidents: 2,
      byCategory: { 'personal-data-breach': 1, availability: 1 },
      bySeverity: { high: 1, low: 1 },
      medianHoursToContain: 3,
      contained: 1,
      rate: { perMillionActivePeople: 1, averageMonthlyActivePeople: 2_000_000, monthsReported: ['2030-10', '2030-11'] },
    });
    expect(unreported.body).toMatchObject({ incidents: 0, rate: { perMillionActivePeople: null, reason: expect.any(String) } });
  });

  it('are reported by administrators only, for a month that has begun, as a count', async () => {
    // Prepare
    const harness = await createIncidentsHarness({ clock: fixedClock(start) });
    const put = (month: string, body: unknown, caller: { sub: string; role: Role } = admin) =>
      callPlatform(harness, { routeKey: 'PUT /v1/platform/active-people/{month}', caller, pathParameters: { month }, body });

    // Act
    const answers = await Promise.all([
      put('2031-02', { activePeople: 10 }, officer),
      put('2031-02', { activePeople: -1 }),
      put('2031-02', { activePeople: 1.5 }),
      put('2031-13', { activePeople: 10 }),
      put('2031-04', { activePeople: 10 }),
      callPlatform(harness, { routeKey: 'GET /v1/platform/active-people/{month}', caller: officer, pathParameters: { month: '2031-02' } }),
      callPlatform(harness, { routeKey: 'GET /v1/platform/active-people/{month}', caller: admin, pathParameters: { month: '2031-02' } }),
    ]);

    // Assess
    expect(answers.map((answer) => answer.status)).toEqual([403, 400, 400, 400, 400, 403, 404]);
  });
});
