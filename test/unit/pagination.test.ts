import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ownerPageKeySchema, type OwnerPageKey } from '#shared/customer-service/store/page-keys.ts';
import { createCursorSeal, type CursorScope } from '#shared/crypto/cursor-seal.ts';
import { InvalidCursorError } from '#shared/errors.ts';
import { decodeCursor, encodeCursor, resumeAfter } from '#shared/pagination.ts';

const lastKey: OwnerPageKey = {
  pk: 'COMPLAINT#cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR',
  sk: 'COMPLAINT',
  gsi1pk: 'OWNER#user-1',
  gsi1sk: '2025-03-01T12:00:00.000Z#cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR',
};

const key = randomBytes(32);
const cursors = createCursorSeal(async () => key);
const scope: CursorScope = { caller: 'user-1', list: 'complaints:owner' };
const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
/** A cursor this API sealed, of whatever payload: what a forger cannot make without the key. */
const sealed = (payload: unknown) => cursors.seal(JSON.stringify(payload), scope);

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a last evaluated key through a sealed URL-safe cursor that reads as nothing', async () => {
    // Act
    const cursor = await encodeCursor(cursors, scope, lastKey);
    const decoded = await decodeCursor(cursors, scope, cursor ?? '', ownerPageKeySchema);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const readable = Buffer.from(cursor ?? '', 'base64url').toString('latin1');
    for (const part of ['OWNER#', 'user-1', 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR', 'COMPLAINT', '2025-03-01']) expect(readable).not.toContain(part);
    expect(decoded).toEqual(lastKey);
  });

  it('encodes no cursor on the last page', async () => {
    expect(await encodeCursor(cursors, scope, undefined)).toBeNull();
  });

  it.each([
    { name: 'the base64url of the key itself (the old cursor)', cursor: async () => b64url(JSON.stringify(lastKey)) },
    { name: 'standard base64 with + / =', cursor: async () => `${Buffer.from(JSON.stringify(lastKey)).toString('base64')}+/==` },
    { name: 'a cursor with spaces', cursor: async () => 'eyJwayI6 IngifQ' },
    { name: 'an empty cursor', cursor: async () => '' },
    { name: "another caller's cursor", cursor: () => cursors.seal(JSON.stringify(lastKey), { ...scope, caller: 'user-2' }) },
    { name: "another list's cursor", cursor: () => cursors.seal(JSON.stringify(lastKey), { ...scope, list: 'complaints:queue' }) },
    { name: 'a sealed payload that is not JSON', cursor: () => cursors.seal('pk=COMPLAINT#cmp_1', scope) },
    { name: 'a sealed JSON array', cursor: () => sealed([1, 2, 3]) },
    { name: 'a sealed JSON null', cursor: () => sealed(null) },
    { name: 'a sealed key of the wrong shape', cursor: () => sealed({ id: 'cmp_1', offset: 20 }) },
    { name: 'a sealed key with a forged partition value', cursor: () => sealed({ ...lastKey, pk: 'COMPLAINT#anything' }) },
    { name: 'a sealed key missing a field', cursor: () => sealed({ pk: lastKey.pk, sk: lastKey.sk, gsi1pk: lastKey.gsi1pk }) },
    { name: 'a sealed key with an extra attribute', cursor: () => sealed({ ...lastKey, ownerId: 'user-2' }) },
  ])('refuses $name with InvalidCursorError', async ({ cursor }) => {
    // Act
    const act = decodeCursor(cursors, scope, await cursor(), ownerPageKeySchema);

    // Assess
    await expect(act).rejects.toThrow(InvalidCursorError);
  });

  it("refuses a cursor of the caller's own list whose key is of another partition", async () => {
    // Prepare
    const cursor = await encodeCursor(cursors, scope, { ...lastKey, gsi1pk: 'OWNER#user-2' });

    // Act
    const act = resumeAfter(cursors, scope, cursor ?? '', ownerPageKeySchema, (k) => k.gsi1pk === 'OWNER#user-1');

    // Assess
    await expect(act).rejects.toThrow(InvalidCursorError);
  });
});
