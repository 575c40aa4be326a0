import { describe, expect, it } from 'vitest';
import { ownerPageKeySchema, type OwnerPageKey } from '#shared/customer-service/store/page-keys.ts';
import { InvalidCursorError } from '#shared/errors.ts';
import { decodeCursor, encodeCursor } from '#shared/pagination.ts';

const lastKey: OwnerPageKey = {
  pk: 'COMPLAINT#cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR',
  sk: 'COMPLAINT',
  gsi1pk: 'OWNER#user-1',
  gsi1sk: '2025-03-01T12:00:00.000Z#cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR',
};

const b64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('encodeCursor / decodeCursor', () => {
  it('round-trips a last evaluated key through an opaque URL-safe cursor', () => {
    // Act
    const cursor = encodeCursor(lastKey);
    const decoded = decodeCursor(cursor ?? '', ownerPageKeySchema);

    // Assess
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('OWNER#');
    expect(decoded).toEqual(lastKey);
  });

  it('encodes no cursor on the last page', () => {
    expect(encodeCursor(undefined)).toBeNull();
  });

  it.each([
    { name: 'standard base64 with + / =', cursor: Buffer.from(JSON.stringify(lastKey)).toString('base64') + '+/==' },
    { name: 'a cursor with spaces', cursor: 'eyJwayI6 IngifQ' },
    { name: 'a cursor with a dot', cursor: 'eyJwayI6.IngifQ' },
    { name: 'an empty cursor', cursor: '' },
    { name: 'valid base64url of text that is not JSON', cursor: b64url('pk=COMPLAINT#cmp_1') },
    { name: 'base64url of truncated JSON', cursor: b64url(JSON.stringify(lastKey)).slice(0, 40) },
    { name: 'JSON of an array', cursor: b64url('[1,2,3]') },
    { name: 'JSON null', cursor: b64url('null') },
    { name: 'JSON of the wrong shape', cursor: b64url(JSON.stringify({ id: 'cmp_1', offset: 20 })) },
    { name: 'a key with a forged partition value', cursor: b64url(JSON.stringify({ ...lastKey, pk: 'COMPLAINT#anything' })) },
    { name: 'a key with a wrongly typed field', cursor: b64url(JSON.stringify({ ...lastKey, sk: 1 })) },
    { name: 'a key missing a field', cursor: b64url(JSON.stringify({ pk: lastKey.pk, sk: lastKey.sk, gsi1pk: lastKey.gsi1pk })) },
    { name: 'a key with an extra attribute', cursor: b64url(JSON.stringify({ ...lastKey, ownerId: 'user-2' })) },
  ])('refuses $name with InvalidCursorError', ({ cursor }) => {
    // Act
    const act = () => decodeCursor(cursor, ownerPageKeySchema);

    // Assess
    expect(act).toThrow(InvalidCursorError);
  });
});
