import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { IdempotencyValidationError } from '@aws-lambda-powertools/idempotency';
import { readTableName } from '#shared/config.ts';
import { createIdempotency } from '#shared/idempotency.ts';
import { createComplaintsHarness } from '../support/complaints-harness.ts';
import { lambdaContext } from '../support/events.ts';
import { platformTables } from '#shared/manifest/platform.ts';

const body = {
  channel: 'web',
  category: 'service_quality',
  subject: 'Slow pages',
  description: 'Pages take ten seconds to load in the evening.',
};

describe('Idempotency-Key on POST /v1/complaints', () => {
  const { invoke } = createComplaintsHarness();
  const file = (sub: string, key: string, payload: object = body) =>
    invoke({ routeKey: 'POST /v1/complaints', caller: { sub }, body: payload, headers: { 'idempotency-key': key } });
  const listIds = async (sub: string) =>
    (await invoke({ routeKey: 'GET /v1/complaints', caller: { sub }, query: { limit: '100' } })).body?.items.map(
      (i: { id: string }) => i.id,
    );

  it('returns the first result to a repeat with the same key and body, and stores one complaint', async () => {
    // Prepare
    const sub = `user-${randomUUID()}`;
    const key = `key-${randomUUID()}`;

    // Act
    const first = await file(sub, key);
    const repeat = await file(sub, key);

    // Assess
    expect(first.status).toBe(201);
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers.location).toBe(first.headers.location);
    expect(await listIds(sub)).toEqual([first.body?.id]);
  });

  it('refuses the same key with another body with 422, and stores nothing more', async () => {
    // Prepare
    const sub = `user-${randomUUID()}`;
    const key = `key-${randomUUID()}`;
    const first = await file(sub, key);

    // Act
    const reused = await file(sub, key, { ...body, subject: 'Something else' });

    // Assess
    expect(reused.status).toBe(422);
    expect(reused.body?.type).toBe('urn:user-protection:problem:idempotency-key-reused');
    expect(await listIds(sub)).toEqual([first.body?.id]);
  });

  it('creates exactly one complaint when the same request arrives many times at once', async () => {
    // Prepare
    const sub = `user-${randomUUID()}`;
    const key = `key-${randomUUID()}`;

    // Act
    const answers = await Promise.all(Array.from({ length: 12 }, () => file(sub, key)));

    // Assess
    const ids = await listIds(sub);
    expect(ids).toHaveLength(1);
    for (const answer of answers) {
      expect([201, 409]).toContain(answer.status);
      if (answer.status === 201) expect(answer.body?.id).toBe(ids[0]);
    }
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
  });

  it('scopes keys to the caller: two users with the same key file two complaints', async () => {
    // Prepare
    const key = `shared-${randomUUID()}`;
    const [ann, ben] = [`ann-${randomUUID()}`, `ben-${randomUUID()}`];

    // Act
    const a = await file(ann, key);
    const b = await file(ben, key);

    // Assess
    expect(a.body?.id).not.toBe(b.body?.id);
    expect(await listIds(ann)).toEqual([a.body?.id]);
    expect(await listIds(ben)).toEqual([b.body?.id]);
  });

  it('refuses a malformed key with 400 naming the header, and an invalid body before using the key', async () => {
    // Prepare
    const sub = `user-${randomUUID()}`;
    const key = `key-${randomUUID()}`;

    // Act
    const badKey = await file(sub, 'short');
    const badBody = await file(sub, key, { ...body, channel: 'fax' });
    const afterwards = await file(sub, key);

    // Assess
    expect(badKey.status).toBe(400);
    expect(badKey.body?.errors).toEqual([expect.objectContaining({ in: 'header', path: 'idempotency-key' })]);
    expect(badBody.status).toBe(400);
    expect(afterwards.status).toBe(201);
    expect(await listIds(sub)).toEqual([afterwards.body?.id]);
  });
});

describe('Idempotency-Key across operations', () => {
  const { client } = createComplaintsHarness();
  const idempotency = createIdempotency({ client, tableName: readTableName(platformTables.idempotency) });

  it('keeps one key sent to two operations apart, and refuses another body on the same operation', async () => {
    // Prepare: two operations with the same caller-scoped key, as two routes would build it
    const scope = `user-${randomUUID()}#key-${randomUUID()}`;
    const fileComplaint = idempotency.wrap(async (request: { scope: string; body: { what: string } }) => `complaint ${request.body.what}`, {
      keyPrefix: 'test.complaint',
    });
    const fileReport = idempotency.wrap(async (request: { scope: string; body: { what: string } }) => `report ${request.body.what}`, {
      keyPrefix: 'test.report',
    });

    // Act
    const complaint = await fileComplaint({ scope, body: { what: 'slow pages' } }, lambdaContext());
    const report = await fileReport({ scope, body: { what: 'a scam post' } }, lambdaContext());
    const reused = fileComplaint({ scope, body: { what: 'something else' } }, lambdaContext());

    // Assess
    expect(complaint).toBe('complaint slow pages');
    expect(report).toBe('report a scam post');
    await expect(reused).rejects.toThrow(IdempotencyValidationError);
  });
});
