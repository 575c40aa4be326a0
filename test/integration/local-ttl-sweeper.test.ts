import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { TableDefinition } from '#infra/manifest.ts';
import { ensureTables } from '#infra/local/dynamodb.ts';
import { REPOSITORY_ROOT } from '#infra/local/paths.ts';
import { runTtlSweep } from '#infra/local/run-job.ts';
import { sweepExpiredItems } from '#infra/local/ttl-sweeper.ts';

/**
 * DynamoDB Local deletes items past their time to live by the real clock; the sweep deletes those
 * expired at a later time a job runs at (`--now`). Every expiry here is still ahead of the real
 * clock, so that DynamoDB Local's own deletion never races the sweep.
 */
const client = new DynamoDBClient({});
const documents = DynamoDBDocumentClient.from(client);
afterAll(() => client.destroy());

const nowSeconds = Math.floor(Date.now() / 1000) + 30 * 86_400;
const now = new Date(nowSeconds * 1000);

/** A fresh table (pk, sk) with `expiresAt` as its time to live, or none. */
const newTable = async (timeToLiveAttribute: string | undefined): Promise<TableDefinition> => {
  const definition: TableDefinition = {
    logicalId: 'SweeperTestTable',
    localName: `ttl-sweep-${randomUUID().slice(0, 8)}`,
    envVar: 'UNUSED',
    partitionKey: { name: 'pk', type: 'S' },
    sortKey: { name: 'sk', type: 'S' },
    globalIndexes: [],
    ...(timeToLiveAttribute && { timeToLiveAttribute }),
    accessPatterns: [],
  };
  await ensureTables(client, [definition]);
  return definition;
};

const put = (table: TableDefinition, sk: string, expiresAt: unknown) =>
  documents.send(new PutCommand({ TableName: table.localName, Item: { pk: 'P', sk, ...(expiresAt !== undefined && { expiresAt }) } }));

const remaining = async (table: TableDefinition) =>
  ((await documents.send(new ScanCommand({ TableName: table.localName }))).Items ?? []).map((item) => item.sk).sort();

describe('the local time-to-live sweeper', () => {
  it('deletes the items whose time to live is a number of seconds before now, and nothing else', async () => {
    // Prepare
    const table = await newTable('expiresAt');
    await put(table, 'expired', nowSeconds - 1);
    await put(table, 'expired-days-ago', nowSeconds - 20 * 86_400);
    await put(table, 'at-now', nowSeconds);
    await put(table, 'later', nowSeconds + 60);
    await put(table, 'not-a-number', String(nowSeconds - 1));
    await put(table, 'no-expiry', undefined);

    // Act
    const deleted = await sweepExpiredItems({ client, tables: [table], now });

    // Assess
    expect(deleted).toEqual({ [table.localName]: 2 });
    expect(await remaining(table)).toEqual(['at-now', 'later', 'no-expiry', 'not-a-number']);
  });

  it('leaves tables without a time to live alone, whatever their items hold', async () => {
    // Prepare
    const table = await newTable(undefined);
    await put(table, 'looks-expired', nowSeconds - 1);

    // Act
    const deleted = await sweepExpiredItems({ client, tables: [table], now });

    // Assess
    expect(deleted).toEqual({});
    expect(await remaining(table)).toEqual(['looks-expired']);
  });

  it('sweeps as of a later time when asked (npm run job -- ttl-sweep --now), against the running stack', async () => {
    // Prepare: an item that expires in an hour (a table of its own: other test files share the stack's tables).
    const table = await newTable('expiresAt');
    await put(table, 'in-an-hour', nowSeconds + 3600);
    const sweepAt = (time: Date) => runTtlSweep({ root: inject('localStack').root, now: time, tables: [table] });

    // Act
    const before = await sweepAt(now);
    const kept = await remaining(table);
    const after = await sweepAt(new Date(now.getTime() + 3601_000));

    // Assess
    expect([before, kept]).toEqual([{ [table.localName]: 0 }, ['in-an-hour']]);
    expect(after).toEqual({ [table.localName]: 1 });
    expect(await remaining(table)).toEqual([]);
  });

  it('is what `npm run job -- ttl-sweep --now` runs, printing the items deleted per table of the manifests', () => {
    // Act: a time before anything of the stack's own tables expires, so that other test files' items stay.
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'infra/local/job-cli.ts', 'ttl-sweep', '--now', '2000-01-01T00:00:00Z'], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, LOCAL_STACK_ROOT: inject('localStack').root },
      encoding: 'utf8',
      timeout: 30_000,
    });

    // Assess
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ idempotency: 0, 'request-limits': 0 });
  });
});
