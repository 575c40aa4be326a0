import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDynamoClients } from '#shared/aws/dynamodb.ts';
import { fixedClock } from '#shared/clock.ts';
import { transparencyPersonalDataHolderFromEnvironment } from '#shared/transparency/wiring/personal-data.ts';
import { TransparencyExportSchema } from '#shared/transparency/http/data-export-schema.ts';
import { createTransparencyHarness } from '../support/transparency-harness.ts';

/**
 * The transparency context's personal data on DynamoDB Local: a person's privacy-policy
 * acknowledgements are in their copy and nobody else's; erasure deletes them and leaves the
 * counters per version, so the report's figures do not change.
 */

const start = new Date('2032-03-01T10:00:00.000Z');
const person = () => ({ sub: `person-${randomUUID()}`, role: 'user' as const });

/** Version 1 in force from `start`, then version 2 in force a day later; `acknowledge` through the API. */
const setUp = async () => {
  const clock = fixedClock(start);
  const harness = await createTransparencyHarness({ clock, minNoticeDays: 0 });
  const author = { sub: `comms-${randomUUID()}`, role: 'comms' as const };
  const publishVersion = async (effectiveDate: string, text: string) => {
    const body = { text: { en: text, 'zh-CN': text }, effectiveDate, summaryOfChanges: { en: 'Changes', 'zh-CN': '变更' } };
    const draft = await harness.invoke({ routeKey: 'POST /v1/privacy-policy/drafts', caller: author, body });
    const published = await harness.invoke({ routeKey: 'POST /v1/privacy-policy/drafts/{id}/publish', caller: author, pathParameters: { id: draft.body!.id }, body: { revision: 1 } });
    expect(published.status).toBe(201);
  };
  const acknowledge = async (who: { sub: string; role: 'user' }, version: number) =>
    expect((await harness.invoke({ routeKey: 'POST /v1/privacy-policy/acknowledgements', caller: who, body: { version } })).status).toBe(200);
  const holder = transparencyPersonalDataHolderFromEnvironment({ env: { ...process.env, TRANSPARENCY_TABLE_NAME: harness.names.transparency } });
  const rawItems = async () => (await createDynamoClients().document.send(new ScanCommand({ TableName: harness.names.transparency }))).Items ?? [];
  await publishVersion('2032-03-01', '# Privacy policy\n\nVersion one.\n');
  return { clock, harness, holder, publishVersion, acknowledge, rawItems };
};

describe('privacy-policy acknowledgements of a person', () => {
  it('are in their copy, and nobody else’s are', async () => {
    // Prepare
    const { clock, holder, publishVersion, acknowledge } = await setUp();
    const ada = person();
    const bob = person();
    await acknowledge(ada, 1);
    await acknowledge(bob, 1);
    await publishVersion('2032-03-02', '# Privacy policy\n\nVersion two.\n');
    clock.advance(24 * 60 * 60 * 1000);
    await acknowledge(ada, 2);

    // Act
    const copy = await holder.exportOf({ kind: 'account', id: ada.sub });
    const integration = await holder.exportOf({ kind: 'integration', id: 'a-pseudonym' });

    // Assess
    expect(TransparencyExportSchema.parse(copy)).toEqual(copy);
    expect(copy).toEqual({
      privacyPolicyAcknowledgements: [
        { version: 1, acknowledgedAt: '2032-03-01T10:00:00.000Z' },
        { version: 2, acknowledgedAt: '2032-03-02T10:00:00.000Z' },
      ],
    });
    expect(JSON.stringify(copy)).not.toContain(bob.sub);
    expect(integration).toEqual({ privacyPolicyAcknowledgements: [] });
    expect(holder.section).toBe('transparency');
  });

  it('are deleted by erasure, once, while the counters per version stay', async () => {
    // Prepare
    const { harness, holder, acknowledge, rawItems } = await setUp();
    const ada = person();
    const bob = person();
    await acknowledge(ada, 1);
    await acknowledge(bob, 1);
    const counted = await harness.acknowledgementsByVersion();

    // Act
    const first = await holder.erase({ kind: 'account', id: ada.sub }, new Date());
    const second = await holder.erase({ kind: 'account', id: ada.sub }, new Date());

    // Assess
    expect(first).toEqual({ erased: 1, held: [] });
    expect(second).toEqual({ erased: 0, held: [] });
    expect(await holder.holdsOf({ kind: 'account', id: ada.sub }, new Date())).toEqual([]);
    const raw = JSON.stringify(await rawItems());
    expect(raw).not.toContain(ada.sub);
    expect(raw).toContain(bob.sub);
    expect(counted).toEqual({ 1: 2 });
    expect(await harness.acknowledgementsByVersion()).toEqual(counted);
    expect(await holder.exportOf({ kind: 'account', id: ada.sub })).toEqual({ privacyPolicyAcknowledgements: [] });
  });
});
