import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { jobEvent } from '#shared/jobs/job-event.ts';
import type { DataSubject, HeldItem, PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { pseudonymsFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { channelOwnerIdOf } from '#shared/customer-service/index.ts';
import { COOLING_OFF_HOURS_ENV, DEADLINE_DAYS_ENV, PRIVACY_REQUESTS_JOB } from '#shared/privacy/manifest.ts';
import { privacyApiHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-api.ts';
import { privacyRequestsHandlerFromEnvironment } from '#shared/privacy/wiring/privacy-jobs.ts';
import { invokedViolations } from '../support/contract.ts';
import { invokeApi, lambdaContext } from '../support/events.ts';
import { privacyTestEnvironment } from '../support/privacy-harness.ts';

/**
 * The privacy context's requests on DynamoDB Local, with contexts that hold personal data stood in
 * by in-memory holders (each context's own holder is tested against its table elsewhere): exports
 * assembled by the job, sealed, downloadable by their person only until they expire; erasure after
 * a cancellable cooling-off, with what is held told and erased once the hold ends; legal holds;
 * privacy staff's views on the access log. Every answer is held to the OpenAPI document.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const uid = (name: string) => `${name}-${randomUUID().slice(0, 8)}`;

/** A context holding one note per person; `holdUntil` keeps a person's note held until then. */
const memoryHolder = (section: string) => {
  const notes = new Map<string, string>();
  const holdUntil = new Map<string, string>();
  const key = (subject: DataSubject) => `${subject.kind}:${subject.id}`;
  const holder: PersonalDataHolder = {
    section,
    exportOf: async (subject) => ({ notes: notes.has(key(subject)) ? [notes.get(key(subject))] : [] }),
    holdsOf: async (subject, now) => heldOf(subject, now),
    erase: async (subject, now) => {
      const held = heldOf(subject, now);
      if (held.length > 0) return { erased: 0, held };
      const erased = notes.delete(key(subject)) ? 1 : 0;
      return { erased, held: [] };
    },
    correctContact: async (subject, correction) => {
      if (!notes.has(key(subject))) return 0;
      notes.set(key(subject), `${notes.get(key(subject))} <${correction.email}>`);
      return 1;
    },
  };
  const heldOf = (subject: DataSubject, now: Date): HeldItem[] => {
    const until = holdUntil.get(key(subject));
    return until && Date.parse(until) > now.getTime()
      ? [{ category: `${section}.note`, itemId: 'note-1', reason: 'open-appeal', explanation: 'An appeal is open', until }]
      : [];
  };
  return { holder, notes, holdUntil, key };
};

const setup = async (settings: NodeJS.ProcessEnv = {}) => {
  const env = { ...(await privacyTestEnvironment()), ...settings };
  const clock = fixedClock('2031-03-02T09:00:00.000Z');
  const first = memoryHolder('first');
  const second = memoryHolder('second');
  const holders = [first.holder, second.holder];
  const invoke = invokeApi(privacyApiHandlerFromEnvironment({ env, clock, correctors: holders }));
  const job = privacyRequestsHandlerFromEnvironment({ env, holders });
  const call = async (request: Parameters<typeof invoke>[0]) => {
    const answer = await invoke(request);
    expect(invokedViolations(request, answer)).toEqual([]);
    return answer;
  };
  return { env, clock, first, second, call, invoke, runJob: () => job(jobEvent(PRIVACY_REQUESTS_JOB, clock.now()), lambdaContext()) };
};

describe('data exports', () => {
  it('assembles every context’s section for the person only, downloadable by them until it expires', async () => {
    const { env, clock, first, second, call, invoke, runJob } = await setup();
    const ada = uid('ada');
    const bob = uid('bob');
    first.notes.set(`account:${ada}`, 'MARKER-ada-first');
    second.notes.set(`account:${ada}`, 'MARKER-ada-second');
    first.notes.set(`account:${bob}`, 'MARKER-bob');

    const asked = await call({ routeKey: 'POST /v1/me/data-exports', caller: { sub: ada } });
    expect(asked.status).toBe(202);
    const again = await call({ routeKey: 'POST /v1/me/data-exports', caller: { sub: ada } });
    expect(again.status).toBe(200);
    expect(again.body!.id).toBe(asked.body!.id);
    const id = asked.body!.id as string;
    const early = await call({ routeKey: 'GET /v1/me/data-exports/{id}/archive', caller: { sub: ada }, pathParameters: { id } });
    expect(early.status).toBe(409);

    clock.advance(60_000);
    const report = await runJob();
    expect(report.exportsAssembled).toBe(1);
    const status = await call({ routeKey: 'GET /v1/me/data-exports/{id}', caller: { sub: ada }, pathParameters: { id } });
    expect(status.body).toMatchObject({ status: 'ready', expiresAt: new Date(clock.now().getTime() + 7 * DAY_MS).toISOString() });

    // The stand-in sections are not the documented ones: the archive's contract is checked with the real contexts (privacy-rights.test.ts).
    const archive = await invoke({ routeKey: 'GET /v1/me/data-exports/{id}/archive', caller: { sub: ada }, pathParameters: { id } });
    expect(archive.status).toBe(200);
    expect(archive.body).toMatchObject({ format: 'user-protection.data-export', subject: { kind: 'account', id: ada } });
    expect(archive.body!.sections.first.notes).toEqual(['MARKER-ada-first']);
    expect(archive.body!.sections.second.notes).toEqual(['MARKER-ada-second']);
    expect(archive.text).not.toContain('MARKER-bob');
    expect(archive.body!.sections.privacy.requests.map((r: { id: string }) => r.id)).toContain(id);

    const stranger = await call({ routeKey: 'GET /v1/me/data-exports/{id}/archive', caller: { sub: bob }, pathParameters: { id } });
    expect(stranger.status).toBe(404);

    // Stored sealed: no marker in the table.
    const { document } = createDynamoClients();
    const raw = await document.send(new ScanCommand({ TableName: env[tables.privacy.envVar] }));
    expect(JSON.stringify(raw.Items)).not.toContain('MARKER-ada');

    clock.advance(7 * DAY_MS + 60_000);
    const expiredRun = await runJob();
    expect(expiredRun.archivesDeleted).toBe(1);
    const gone = await call({ routeKey: 'GET /v1/me/data-exports/{id}/archive', caller: { sub: ada }, pathParameters: { id } });
    expect(gone.status).toBe(410);
    const after = await document.send(new ScanCommand({ TableName: env[tables.privacy.envVar], FilterExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `EXPORT#${id}` } }));
    expect(after.Items).toEqual([]);
    const steps = (await call({ routeKey: 'GET /v1/me/data-exports/{id}', caller: { sub: ada }, pathParameters: { id } })).body!.steps.map((s: { step: string }) => s.step);
    expect(steps).toEqual(['requested', 'archive-ready', 'downloaded', 'archive-deleted']);
  });
});

describe('a closed request and the next one', () => {
  it('downloads a ready export while a newer export of the same person is open', async () => {
    // Prepare: export A ready, then export B asked (the open-request marker now names B)
    const { clock, first, call, invoke, runJob } = await setup();
    const ada = uid('ada');
    first.notes.set(`account:${ada}`, 'MARKER-ada');
    const a = (await call({ routeKey: 'POST /v1/me/data-exports', caller: { sub: ada } })).body!.id as string;
    clock.advance(60_000);
    await runJob();
    const b = await call({ routeKey: 'POST /v1/me/data-exports', caller: { sub: ada } });

    // Act: A is downloaded, and B assembled by the next run
    // The stand-in sections are not the documented ones (see the first test): not held to the contract.
    const downloaded = await invoke({ routeKey: 'GET /v1/me/data-exports/{id}/archive', caller: { sub: ada }, pathParameters: { id: a } });
    clock.advance(60_000);
    const run = await runJob();

    // Assess
    expect(b.status).toBe(202);
    expect(b.body!.id).not.toBe(a);
    expect(downloaded.status).toBe(200);
    expect(run.exportsAssembled).toBe(1);
    const again = await call({ routeKey: 'POST /v1/me/data-exports', caller: { sub: ada } });
    expect(again.status).toBe(202);
  });
});

describe('erasure', () => {
  it('waits for the cooling-off, can be cancelled in it, and is asked again as a new request afterwards', async () => {
    const { clock, first, call, runJob } = await setup();
    const ada = uid('ada');
    first.notes.set(`account:${ada}`, 'MARKER-ada');
    const asked = await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: ada } });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'cooling-off', erasesAt: new Date(clock.now().getTime() + 72 * HOUR_MS).toISOString() });
    const id = asked.body!.id as string;

    clock.advance(HOUR_MS);
    await runJob();
    expect(first.notes.get(`account:${ada}`)).toBe('MARKER-ada');
    const otherPerson = await call({ routeKey: 'POST /v1/me/erasure-requests/{id}/cancel', caller: { sub: uid('eve') }, pathParameters: { id } });
    expect(otherPerson.status).toBe(404);
    const cancelled = await call({ routeKey: 'POST /v1/me/erasure-requests/{id}/cancel', caller: { sub: ada }, pathParameters: { id } });
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    clock.advance(3 * DAY_MS);
    await runJob();
    expect(first.notes.get(`account:${ada}`)).toBe('MARKER-ada');

    const anew = await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: ada } });
    expect(anew.status).toBe(202);
    expect(anew.body!.id).not.toBe(id);
    const tooLate = await call({ routeKey: 'POST /v1/me/erasure-requests/{id}/cancel', caller: { sub: ada }, pathParameters: { id } });
    expect(tooLate.status).toBe(409);
  });

  it('erases what it may after the cooling-off, tells what is held and why, and erases it when the hold ends', async () => {
    const { clock, first, second, call, runJob } = await setup();
    const ada = uid('ada');
    first.notes.set(`account:${ada}`, 'MARKER-ada-first');
    second.notes.set(`account:${ada}`, 'MARKER-ada-second');
    const exported = (await call({ routeKey: 'POST /v1/me/data-exports', caller: { sub: ada } })).body!.id as string;
    await runJob();
    const holdEnds = new Date(clock.now().getTime() + 10 * DAY_MS).toISOString();
    second.holdUntil.set(`account:${ada}`, holdEnds);
    const id = (await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: ada } })).body!.id as string;

    clock.advance(72 * HOUR_MS + 60_000);
    expect((await runJob()).erasuresRun).toBe(1);
    expect(first.notes.has(`account:${ada}`)).toBe(false);
    expect(second.notes.get(`account:${ada}`)).toBe('MARKER-ada-second');
    const archive = await call({ routeKey: 'GET /v1/me/data-exports/{id}/archive', caller: { sub: ada }, pathParameters: { id: exported } });
    expect(archive.status).toBe(410);
    const partial = await call({ routeKey: 'GET /v1/me/erasure-requests/{id}', caller: { sub: ada }, pathParameters: { id } });
    expect(partial.body).toMatchObject({ status: 'partially-completed', held: [{ category: 'second.note', reason: 'open-appeal', explanation: 'An appeal is open', until: holdEnds }] });
    const repeat = await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: ada } });
    expect(repeat.status).toBe(200);
    expect(repeat.body!.id).toBe(id);

    clock.advance(10 * DAY_MS);
    await runJob();
    expect(second.notes.has(`account:${ada}`)).toBe(false);
    const done = await call({ routeKey: 'GET /v1/me/erasure-requests/{id}', caller: { sub: ada }, pathParameters: { id } });
    expect(done.body).toMatchObject({ status: 'completed', held: [] });
    expect(done.body!.steps.map((s: { step: string }) => s.step)).toEqual(['requested', 'erased', 'held', 'erased', 'hold-ended']);
  });

  it('keeps everything while privacy staff hold the subject, and erases once the hold is released', async () => {
    const { clock, first, call, runJob } = await setup();
    const ada = uid('ada');
    const dpo = { sub: uid('dpo'), role: 'privacy' as const };
    first.notes.set(`account:${ada}`, 'MARKER-ada');
    const hold = await call({
      routeKey: 'POST /v1/privacy/legal-holds',
      caller: dpo,
      body: { subject: { kind: 'account', id: ada }, reason: 'authority-order', reference: 'Order 2031/17' },
    });
    expect(hold.status).toBe(201);
    const agent = await call({ routeKey: 'POST /v1/privacy/legal-holds', caller: { sub: uid('agent'), role: 'agent' }, body: hold.body && { subject: { kind: 'account', id: ada }, reason: 'authority-order', reference: 'x' } });
    expect(agent.status).toBe(403);
    const id = (await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: ada } })).body!.id as string;
    clock.advance(73 * HOUR_MS);
    await runJob();
    expect(first.notes.get(`account:${ada}`)).toBe('MARKER-ada');
    const held = await call({ routeKey: 'GET /v1/me/erasure-requests/{id}', caller: { sub: ada }, pathParameters: { id } });
    expect(held.body!.held).toEqual([expect.objectContaining({ category: 'privacy.legal-hold', reason: 'authority-order' })]);
    expect(JSON.stringify(held.body)).not.toContain('Order 2031/17');

    await call({ routeKey: 'POST /v1/privacy/legal-holds/{id}/release', caller: dpo, pathParameters: { id: hold.body!.id } });
    clock.advance(DAY_MS);
    await runJob();
    expect(first.notes.has(`account:${ada}`)).toBe(false);
  });
});

describe('erasure through an integration', () => {
  it('reaches the person by their reference on the channel, under the owner id their complaints carry, for that channel’s client only', async () => {
    const { clock, first, call, runJob } = await setup();
    const reference = `${uid('grace')}@example.org`;
    const ownerId = await channelOwnerIdOf(pseudonymsFromEnvironment(), 'email', reference);
    first.notes.set(`integration:${ownerId}`, 'MARKER-grace');
    const mailbox = { clientId: 'support-mailbox', scopes: ['user-protection/complaints.intake.email'] };

    const asked = await call({ routeKey: 'POST /v1/channels/{channel}/erasure-requests', machine: mailbox, pathParameters: { channel: 'email' }, body: { reference: reference.toUpperCase() } });
    const wrongChannel = await call({ routeKey: 'POST /v1/channels/{channel}/erasure-requests', machine: mailbox, pathParameters: { channel: 'phone' }, body: { reference } });
    const byPerson = await call({ routeKey: 'POST /v1/channels/{channel}/erasure-requests', caller: { sub: uid('eve') }, pathParameters: { channel: 'email' }, body: { reference } });
    const id = asked.body!.id as string;
    const otherChannel = await call({ routeKey: 'GET /v1/channels/{channel}/erasure-requests/{id}', machine: { clientId: 'x', scopes: ['user-protection/complaints.intake.social'] }, pathParameters: { channel: 'social', id } });
    clock.advance(73 * HOUR_MS);
    await runJob();
    const done = await call({ routeKey: 'GET /v1/channels/{channel}/erasure-requests/{id}', machine: mailbox, pathParameters: { channel: 'email', id } });

    expect(asked.status).toBe(202);
    expect(wrongChannel.status).toBe(403);
    expect(byPerson.status).toBe(403);
    expect(otherChannel.status).toBe(404);
    expect(done.body).toMatchObject({ id, status: 'completed' });
    expect(first.notes.has(`integration:${ownerId}`)).toBe(false);
  });
});

describe('privacy staff', () => {
  it('see requests awaiting an answer by deadline, read one only with a reason, and see the figures', async () => {
    const { clock, call } = await setup();
    const ada = uid('ada');
    const dpo = { sub: uid('dpo'), role: 'privacy' as const };
    const id = (await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: ada } })).body!.id as string;

    const listed = await call({ routeKey: 'GET /v1/privacy/requests', caller: dpo, query: { limit: '100' } });
    expect(listed.status).toBe(200);
    expect(listed.body!.items.map((r: { id: string }) => r.id)).toContain(id);
    for (const role of ['security', 'agent', 'user'] as const) {
      expect((await call({ routeKey: 'GET /v1/privacy/requests', caller: { sub: uid(role), role } })).status).toBe(403);
    }
    const noReason = await call({ routeKey: 'GET /v1/privacy/requests/{id}', caller: dpo, pathParameters: { id } });
    expect(noReason.status).toBe(400);
    const read = await call({ routeKey: 'GET /v1/privacy/requests/{id}', caller: dpo, pathParameters: { id }, headers: { 'x-access-reason': 'Checking the deadline' } });
    expect(read.body).toMatchObject({ id, subject: { kind: 'account', id: ada }, status: 'cooling-off', overdue: false });

    const quarter = `${clock.now().getUTCFullYear()}-Q${Math.floor(clock.now().getUTCMonth() / 3) + 1}`;
    const figures = await call({ routeKey: 'GET /v1/privacy/figures', caller: dpo, query: { quarter } });
    expect(figures.body).toMatchObject({ quarter, erasure: { requested: 1, completed: 0, overdue: 0 }, export: { requested: 0 } });
  });

  it('are warned on every run of how many requests await an answer within five days of their deadline, or past it', async () => {
    // Prepare: a cooling-off longer than the deadline, so that the requests still await an answer when the job runs
    const { clock, call, runJob } = await setup({ [COOLING_OFF_HOURS_ENV]: '720', [DEADLINE_DAYS_ENV]: '20' });
    await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: uid('ada') } });
    clock.advance(10 * DAY_MS);
    await call({ routeKey: 'POST /v1/me/erasure-requests', caller: { sub: uid('bob') } });

    // Act: deadlines at days 20 and 30; runs at day 10, day 16 (the first within five days), day 26 (the first past it, the second within five days)
    const early = await runJob();
    clock.advance(6 * DAY_MS);
    const nearFirst = await runJob();
    clock.advance(10 * DAY_MS);
    const pastFirstNearSecond = await runJob();

    // Assess
    expect([early.nearDeadline, nearFirst.nearDeadline, pastFirstNearSecond.nearDeadline]).toEqual([0, 1, 2]);
  });

  it('correct contact details through each context that holds them', async () => {
    const { first, second, call } = await setup();
    const ada = uid('ada');
    first.notes.set(`account:${ada}`, 'note');
    const corrected = await call({ routeKey: 'PUT /v1/me/contact-details', caller: { sub: ada }, body: { email: 'ada@example.org' } });
    expect(corrected.body).toEqual({ corrected: { first: 1, second: 0 } });
    expect(first.notes.get(`account:${ada}`)).toBe('note <ada@example.org>');
    expect(second.notes.has(`account:${ada}`)).toBe(false);
    const empty = await call({ routeKey: 'PUT /v1/me/contact-details', caller: { sub: ada }, body: {} });
    expect(empty.status).toBe(400);
  });
});
