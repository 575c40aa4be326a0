import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { accessLogFromEnvironment } from '#shared/access-log/index.ts';
import { accessLogPersonalDataHolderFromEnvironment } from '#shared/access-log/wiring/personal-data.ts';
import { AccessLogExportSchema } from '#shared/access-log/http/data-export-schema.ts';
import { accessLogManifest } from '#shared/access-log/manifest.ts';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { readTableName } from '#shared/config.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createAccessLogHarness } from '../support/access-log-harness.ts';

/**
 * The access log's personal data on DynamoDB Local: a person's copy holds the reads of their data
 * as they see them (staff by role, reasons opened) and nobody else's; erasure removes nothing and
 * holds each record until its time to live, which is set when it is written (24 months after the
 * read); readers treat a record past it as gone.
 */

// A time of its own, far from the other files' records.
const READ_AT = '2033-02-10T08:30:00.000Z';
const END_AT = '2035-02-10T08:30:00.000Z';
const { document } = createDynamoClients();
const tableName = readTableName(accessLogManifest.tables.accessLog);
const marker = () => `PIIMARK${randomUUID().replaceAll('-', '')}`;

const setUp = () => {
  const clock = fixedClock(READ_AT);
  const log = accessLogFromEnvironment({ db: document, cipher: cipherFromEnvironment(), clock, env: process.env });
  const staff = { id: `agent-${randomUUID()}`, roles: ['agent' as const] };
  /** A staff read of `subjectId`'s complaint, with `reason`. */
  const read = (subjectId: string, reason: string, complaintId = `cmp-${randomUUID()}`) =>
    log.record({ staff, reason, opened: [{ subjectId, resource: { kind: 'complaint', id: complaintId }, fields: ['subject', 'description'] }] });
  const holder = accessLogPersonalDataHolderFromEnvironment({ clock });
  /** The raw records of reads of `subjectId`'s data, as the table holds them. */
  const rawRecordsOf = async (subjectId: string) =>
    (
      await document.send(
        new QueryCommand({ TableName: tableName, IndexName: 'bySubject', KeyConditionExpression: 'subjectPk = :pk', ExpressionAttributeValues: { ':pk': `SUBJECT#${subjectId}` } }),
      )
    ).Items ?? [];
  return { clock, staff, read, holder, rawRecordsOf };
};

describe('a copy of the access log of a person', () => {
  it('holds the reads of their data as they see them, reasons opened, and nothing of another person', async () => {
    // Prepare
    const { staff, read, holder } = setUp();
    const ada = { sub: `ada-${randomUUID()}`, marker: marker() };
    const bob = { sub: `bob-${randomUUID()}`, marker: marker() };
    await read(ada.sub, `checking ${ada.marker}`, 'cmp-ada');
    await read(bob.sub, `checking ${bob.marker}`);

    // Act
    const copy = await holder.exportOf({ kind: 'account', id: ada.sub });

    // Assess
    expect(AccessLogExportSchema.parse(copy)).toEqual(copy);
    expect(copy).toEqual({
      accessLog: [{ at: READ_AT, staffRoles: ['agent'], resource: { kind: 'complaint', id: 'cmp-ada' }, fields: ['subject', 'description'], reason: `checking ${ada.marker}` }],
    });
    const text = JSON.stringify(copy);
    expect(text).not.toContain(bob.marker);
    expect(text).not.toContain(staff.id);
    expect(holder.section).toBe('access-log');
  });

  it('reaches a person on an integration channel by the pseudonym their records name', async () => {
    // Prepare
    const { read, holder } = setUp();
    const pseudonym = `ik-${randomUUID()}`;
    await read(pseudonym, 'integration filing check');

    // Act
    const copy = (await holder.exportOf({ kind: 'integration', id: pseudonym })) as { accessLog: unknown[] };

    // Assess
    expect(copy.accessLog).toHaveLength(1);
  });
});

describe('erasure and retention of access records', () => {
  it('sets the time to live at write, removes nothing on erasure and holds each record until then', async () => {
    // Prepare
    const { read, holder, rawRecordsOf } = setUp();
    const ada = { sub: `ada-${randomUUID()}` };
    await read(ada.sub, 'first look');
    await read(ada.sub, 'second look');

    // Act
    const first = await holder.erase({ kind: 'account', id: ada.sub }, new Date(READ_AT));
    const second = await holder.erase({ kind: 'account', id: ada.sub }, new Date(READ_AT));

    // Assess
    const raw = await rawRecordsOf(ada.sub);
    expect(raw).toHaveLength(2);
    for (const record of raw) expect(record.expiresAt).toBe(Date.parse(END_AT) / 1000);
    expect(first.erased).toBe(0);
    expect(first.held).toHaveLength(2);
    expect(first.held[0]).toMatchObject({ category: 'access-log.access-record', reason: 'accountability-record', until: '2035-02-10T08:30:00.000Z' });
    expect(first.held[0]!.explanation).toMatch(/24 months/);
    expect(second).toEqual(first);
    expect(await holder.holdsOf({ kind: 'account', id: ada.sub }, new Date(READ_AT))).toEqual(first.held);
    // The holds end with the records' retention, at the time the caller names.
    expect(await holder.holdsOf({ kind: 'account', id: ada.sub }, new Date(END_AT))).toEqual([]);
  });

  it('treats a record past its time to live as gone, for the person and in their copy', async () => {
    // Prepare
    const { clock, read, holder } = setUp();
    const ada = { sub: `ada-${randomUUID()}` };
    await read(ada.sub, 'an old look');
    const accessLog = createAccessLogHarness({ clock });
    const before = await accessLog({ routeKey: 'GET /v1/me/access-log', caller: { sub: ada.sub } });

    // Act
    clock.advance(Date.parse(END_AT) - Date.parse(READ_AT));
    const after = await accessLog({ routeKey: 'GET /v1/me/access-log', caller: { sub: ada.sub } });
    const copy = await holder.exportOf({ kind: 'account', id: ada.sub });
    const holds = await holder.holdsOf({ kind: 'account', id: ada.sub }, clock.now());

    // Assess
    expect(before.body!.items).toHaveLength(1);
    expect(after.body!.items).toEqual([]);
    expect(copy).toEqual({ accessLog: [] });
    expect(holds).toEqual([]);
  });
});
