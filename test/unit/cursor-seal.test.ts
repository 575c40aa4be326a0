import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerateMacCommand } from '@aws-sdk/client-kms';
import { describe, expect, it } from 'vitest';
import {
  createCursorSeal,
  CURSOR_KEY_MESSAGE,
  CURSOR_LIFETIME_MS,
  cursorSealFor,
  kmsCursorKey,
  localCursorKey,
  type CursorScope,
} from '#shared/crypto/cursor-seal.ts';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111122223333:key/pseudonym';
const scope: CursorScope = { caller: 'user-ada', list: 'complaints:owner' };
const payload = JSON.stringify({ pk: 'COMPLAINT#cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR', sk: 'COMMENT#user-ada/2026-11-monthly' });

/** A KMS client stand-in at the SDK boundary: answers GenerateMac with an HMAC under its own key, and counts the calls. */
const fakeKms = (options: { failFirst?: boolean } = {}) => {
  const key = randomBytes(32);
  const calls: GenerateMacCommand[] = [];
  return {
    calls,
    send: async (command: unknown) => {
      if (!(command instanceof GenerateMacCommand)) throw new Error('Unexpected KMS command');
      calls.push(command);
      if (options.failFirst && calls.length === 1) throw new Error('ThrottlingException');
      return { Mac: createHmac('sha256', key).update(command.input.Message as Uint8Array).digest() };
    },
  };
};

const sealWithRandomKey = (now?: () => number) => {
  const key = randomBytes(32);
  return createCursorSeal(async () => key, now);
};

describe('sealed cursors', () => {
  it('open to their payload for the same caller and list', async () => {
    // Prepare
    const seal = sealWithRandomKey();

    // Act
    const cursor = await seal.seal(payload, scope);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await seal.open(cursor, scope)).toBe(payload);
  });

  it('reveal nothing of what they carry', async () => {
    // Prepare
    const seal = sealWithRandomKey();

    // Act
    const cursor = await seal.seal(payload, scope);
    const decoded = Buffer.from(cursor, 'base64url').toString('latin1');

    // Assess
    for (const secret of ['COMPLAINT', 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR', 'user-ada', '2026-11-monthly', 'COMMENT', '"pk"', '"sk"']) {
      expect(decoded).not.toContain(secret);
      expect(cursor).not.toContain(secret);
    }
    expect(await seal.seal(payload, scope)).not.toBe(cursor);
  });

  it.each([
    { name: 'another caller', other: { ...scope, caller: 'user-bob' } },
    { name: 'another list', other: { ...scope, list: 'complaints:queue' } },
    { name: 'a caller and list split elsewhere', other: { caller: 'user-ada\u0000complaints:owner', list: '' } },
  ])('are refused from $name', async ({ other }) => {
    // Prepare
    const seal = sealWithRandomKey();
    const cursor = await seal.seal(payload, { caller: 'user-ada\u0000complaints', list: ':owner' });
    const own = await seal.seal(payload, scope);

    // Act
    const opened = await Promise.all([seal.open(own, other), seal.open(cursor, other), seal.open(cursor, scope)]);

    // Assess
    expect(opened).toEqual([undefined, undefined, undefined]);
  });

  it('are refused when any byte is changed, cut or added', async () => {
    // Prepare
    const seal = sealWithRandomKey();
    const bytes = Buffer.from(await seal.seal(payload, scope), 'base64url');
    const tampered = [
      ...Array.from({ length: bytes.length }, (_, i) => {
        const copy = Buffer.from(bytes);
        copy[i] = copy[i]! ^ 0x01;
        return copy;
      }),
      bytes.subarray(0, bytes.length - 1),
      Buffer.concat([bytes, Buffer.of(0)]),
      bytes.subarray(0, 29),
    ].map((b) => b.toString('base64url'));

    // Act
    const opened = await Promise.all(tampered.map((cursor) => seal.open(cursor, scope)));

    // Assess
    expect(opened.every((o) => o === undefined)).toBe(true);
  });

  it.each(['', 'not a cursor!', 'e30', Buffer.from(payload).toString('base64url'), Buffer.from(payload).toString('base64')])(
    'refuse what they did not seal: %j',
    async (cursor) => {
      expect(await sealWithRandomKey().open(cursor, scope)).toBeUndefined();
    },
  );

  it('are refused under another key', async () => {
    // Prepare
    const cursor = await sealWithRandomKey().seal(payload, scope);

    // Act
    const opened = await sealWithRandomKey().open(cursor, scope);

    // Assess
    expect(opened).toBeUndefined();
  });

  it('expire after their lifetime', async () => {
    // Prepare
    let now = Date.parse('2026-11-02T09:00:00.000Z');
    const seal = sealWithRandomKey(() => now);
    const cursor = await seal.seal(payload, scope);

    // Act
    now += CURSOR_LIFETIME_MS - 1;
    const justBefore = await seal.open(cursor, scope);
    now += 1;
    const after = await seal.open(cursor, scope);

    // Assess
    expect(justBefore).toBe(payload);
    expect(after).toBeUndefined();
  });
});

describe('the cursor key', () => {
  it('is one GenerateMac of a fixed message without NUL (never a pseudonym) on the pseudonym key, made lazily once', async () => {
    // Prepare
    const kms = fakeKms();
    const seal = createCursorSeal(kmsCursorKey(KEY_ARN, kms));

    // Act
    const before = kms.calls.length;
    const cursors = await Promise.all([seal.seal(payload, scope), seal.seal(payload, scope)]);
    await seal.open(cursors[0]!, scope);

    // Assess
    expect(before).toBe(0);
    expect(kms.calls).toHaveLength(1);
    expect(kms.calls[0]!.input).toMatchObject({ KeyId: KEY_ARN, MacAlgorithm: 'HMAC_SHA_256' });
    expect(Buffer.from(kms.calls[0]!.input.Message as Uint8Array).toString('utf8')).toBe(CURSOR_KEY_MESSAGE);
    expect(CURSOR_KEY_MESSAGE).not.toContain('\u0000');
    expect(await seal.open(cursors[1]!, scope)).toBe(payload);
  });

  it('is derived again on the next call when KMS failed', async () => {
    // Prepare
    const kms = fakeKms({ failFirst: true });
    const seal = createCursorSeal(kmsCursorKey(KEY_ARN, kms));

    // Act
    const failed = await seal.seal(payload, scope).catch((error: Error) => error.message);
    const cursor = await seal.seal(payload, scope);

    // Assess
    expect(failed).toBe('ThrottlingException');
    expect(await seal.open(cursor, scope)).toBe(payload);
    expect(kms.calls).toHaveLength(2);
  });

  it('is the HMAC of the same message under the local pseudonym key file', async () => {
    // Prepare
    const key = randomBytes(32);
    const file = join(mkdtempSync(join(tmpdir(), 'cursor-key-')), 'pseudonym.key');
    writeFileSync(file, `${key.toString('base64')}\n`);

    // Act
    const derived = await localCursorKey(file)();
    const cursor = await cursorSealFor({ kind: 'local', keyFile: file }).seal(payload, scope);
    const reopened = await createCursorSeal(async () => derived).open(cursor, scope);

    // Assess
    expect(Buffer.from(derived)).toEqual(createHmac('sha256', key).update(CURSOR_KEY_MESSAGE).digest());
    expect(reopened).toBe(payload);
  });
});
