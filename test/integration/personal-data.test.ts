import { randomUUID } from 'node:crypto';
import { GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tables } from '#infra/manifest.ts';
import { readTableName } from '#shared/config.ts';
import { createLogger } from '#shared/observability/logger.ts';
import { createComplaintsHarness } from '../support/complaints-harness.ts';
import { customerServiceManifest } from '#shared/customer-service/manifest.ts';

/** A string that appears nowhere unless our personal data leaks. */
const marker = () => `PIIMARK${randomUUID().replaceAll('-', '')}`;

/** Every raw item of every table, as DynamoDB holds it (low-level client: binary stays binary). */
const rawDump = async (harness: ReturnType<typeof createComplaintsHarness>) => {
  const dumps: string[] = [];
  for (const table of Object.keys(tables) as (keyof typeof tables)[]) {
    let start: Record<string, any> | undefined;
    do {
      const page = await harness.client.send(new ScanCommand({ TableName: readTableName(tables[table]), ExclusiveStartKey: start }));
      for (const item of page.Items ?? []) {
        dumps.push(JSON.stringify(item));
        // Binary attributes are searched as text too, in case plaintext was stored as bytes.
        for (const value of Object.values(item)) if (value.B) dumps.push(Buffer.from(value.B).toString('latin1'));
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return dumps.join('\n');
};

describe('personal data never reaches DynamoDB or the logs in clear', () => {
  afterEach(() => vi.restoreAllMocks());

  it('stores subject, description, contact and related URL only encrypted, and logs none of them', async () => {
    // Prepare: a logger at the most verbose level, its output captured
    const written: string[] = [];
    const capture = (chunk: unknown) => {
      written.push(String(chunk));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(capture);
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    const logger = createLogger('complaints-pii-test');
    logger.setLogLevel('DEBUG');
    const harness = createComplaintsHarness({ logger });
    const m = marker();
    const owner = { sub: `owner-${randomUUID()}` };

    // Act: file (with an idempotency key, so its record is written too), read, list, and a refused request
    const created = await harness.invoke({
      routeKey: 'POST /v1/complaints',
      caller: owner,
      headers: { 'idempotency-key': `key-${randomUUID()}` },
      body: {
        channel: 'app',
        category: 'privacy',
        subject: `subject ${m}`,
        description: `description ${m}`,
        contact: { email: `${m.toLowerCase()}@example.com`, phone: '+1 555 0100' },
        relatedContentUrl: `https://example.com/${m}`,
      },
    });
    await harness.invoke({ routeKey: 'GET /v1/complaints/{id}', caller: owner, pathParameters: { id: created.body?.id } });
    await harness.invoke({ routeKey: 'GET /v1/complaints', caller: owner });
    await harness.invoke({
      routeKey: 'POST /v1/complaints',
      caller: owner,
      body: { channel: 'app', category: 'privacy', subject: m, description: m, unknown: m },
    });
    vi.restoreAllMocks();

    // Assess
    expect(created.status).toBe(201);
    const dump = await rawDump(harness);
    expect(dump).toContain(created.body?.id); // the scan did see the complaint
    expect(dump.toLowerCase()).not.toContain(m.toLowerCase());
    expect(written.length).toBeGreaterThan(0); // the logger did write
    expect(written.join('').toLowerCase()).not.toContain(m.toLowerCase());
  });

  it('refuses to open personal data moved onto another complaint: a generic 500, nothing decrypted', async () => {
    // Prepare: two complaints, then the first one's encrypted blob copied onto the second
    const harness = createComplaintsHarness();
    const owner = { sub: `owner-${randomUUID()}` };
    const m = marker();
    const file = (subject: string) =>
      harness.invoke({
        routeKey: 'POST /v1/complaints',
        caller: owner,
        body: { channel: 'web', category: 'other', subject, description: 'd' },
      });
    const source = await file(`secret ${m}`);
    const target = await file('harmless');
    const { Item } = await harness.client.send(
      new GetItemCommand({
        TableName: readTableName(customerServiceManifest.tables.complaints),
        Key: { pk: { S: `COMPLAINT#${source.body?.id}` }, sk: { S: 'COMPLAINT' } },
      }),
    );
    const sourceBlob = Item?.personalData;
    expect(sourceBlob?.B).toBeDefined();
    await harness.client.send(
      new UpdateItemCommand({
        TableName: readTableName(customerServiceManifest.tables.complaints),
        Key: { pk: { S: `COMPLAINT#${target.body?.id}` }, sk: { S: 'COMPLAINT' } },
        UpdateExpression: 'SET personalData = :blob',
        ExpressionAttributeValues: { ':blob': sourceBlob! },
      }),
    );

    // Act
    const read = await harness.invoke({
      routeKey: 'GET /v1/complaints/{id}',
      caller: owner,
      pathParameters: { id: target.body?.id },
    });

    // Assess
    expect(read.status).toBe(500);
    expect(read.headers['content-type']).toBe('application/problem+json');
    expect(read.body?.correlationId).toEqual(expect.any(String));
    expect(JSON.stringify(read.body)).not.toContain(m);
  });
});
