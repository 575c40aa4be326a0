import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CountingKeyring } from '../support/counting-keyring.ts';
import { localKeyringFromBytes } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher, PersonalDataIntegrityError } from '#shared/crypto/personal-data.ts';

const newKeyring = () => localKeyringFromBytes(randomBytes(32));

const personal = {
  subject: 'My address is shown on my profile',
  description: 'I live at 221B Baker Street and it is visible to everyone.',
  contact: { email: 'ada.lovelace@example.com', phone: '+44 20 7946 0000' },
};

const ID = 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR';
const OTHER_ID = 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQS';

describe('personal data cipher', () => {
  it('opens what it sealed', async () => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });

    // Act
    const blob = await cipher.seal('complaint', ID, personal);
    const opened = await cipher.open('complaint', ID, blob);

    // Assess
    expect(opened).toEqual(personal);
  });

  it('opens with caching off as well', async () => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local', cache: false });

    // Act
    const opened = await cipher.open('complaint', ID, await cipher.seal('complaint', ID, personal));

    // Assess
    expect(opened).toEqual(personal);
  });

  it('does not contain any personal value in the clear', async () => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });

    // Act
    const blob = Buffer.from(await cipher.seal('complaint', ID, personal));

    // Assess
    for (const value of ['Baker Street', 'ada.lovelace@example.com', '7946 0000', 'My address', ID]) {
      expect(blob.includes(Buffer.from(value, 'utf8'))).toBe(false);
      expect(blob.includes(Buffer.from(value, 'utf16le'))).toBe(false);
    }
  });

  it('refuses a blob moved onto another item', async () => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });
    const blob = await cipher.seal('complaint', ID, personal);

    // Act
    const opening = cipher.open('complaint', OTHER_ID, blob);

    // Assess
    await expect(opening).rejects.toThrow(PersonalDataIntegrityError);
  });

  it('refuses a blob opened as another kind of entity', async () => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });
    const blob = await cipher.seal('complaint', ID, personal);

    // Act
    const opening = cipher.open('report', ID, blob);

    // Assess
    await expect(opening).rejects.toThrow(PersonalDataIntegrityError);
  });

  it('refuses a blob sealed on another stage, even under the same key', async () => {
    // Prepare
    const keyring = newKeyring();
    const devBlob = await createPersonalDataCipher({ keyring, stage: 'dev' }).seal('complaint', ID, personal);
    const prod = createPersonalDataCipher({ keyring, stage: 'prod' });

    // Act
    const opening = prod.open('complaint', ID, devBlob);

    // Assess
    await expect(opening).rejects.toThrow(PersonalDataIntegrityError);
  });

  it('refuses a blob sealed with another key', async () => {
    // Prepare
    const blob = await createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' }).seal('complaint', ID, personal);
    const otherKey = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });

    // Act
    const opening = otherKey.open('complaint', ID, blob);

    // Assess
    await expect(opening).rejects.toThrow();
  });

  it.each([
    { name: 'in the header', position: (length: number) => Math.floor(length / 4) },
    { name: 'in the body', position: (length: number) => length - 40 },
    { name: 'in the last byte', position: (length: number) => length - 1 },
  ])('refuses a blob with one byte flipped $name', async ({ position }) => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });
    const blob = Buffer.from(await cipher.seal('complaint', ID, personal));
    const tampered = Buffer.from(blob);
    const at = position(blob.length);
    tampered[at] = (tampered[at] ?? 0) ^ 0x01;

    // Act
    const opening = cipher.open('complaint', ID, tampered);

    // Assess
    await expect(opening).rejects.toThrow();
  });

  it('amortises data keys: 1,000 items with caching need far fewer keyring calls than without', async () => {
    // Prepare
    const cachedKeyring = new CountingKeyring(newKeyring());
    const uncachedKeyring = new CountingKeyring(newKeyring());
    const cached = createPersonalDataCipher({ keyring: cachedKeyring, stage: 'local' });
    const uncached = createPersonalDataCipher({ keyring: uncachedKeyring, stage: 'local', cache: false });
    const ids = Array.from({ length: 1000 }, (_, i) => `cmp_${String(i).padStart(26, '0')}`);

    // Act
    for (const id of ids) await cached.seal('complaint', id, personal);
    for (const id of ids) await uncached.seal('complaint', id, personal);

    // Assess
    expect(uncachedKeyring.wraps).toBe(1000);
    expect(cachedKeyring.wraps).toBeGreaterThan(0);
    expect(cachedKeyring.wraps).toBeLessThanOrEqual(10);
  });

  it('still opens every item sealed under a shared cached data key with its own id only', async () => {
    // Prepare
    const cipher = createPersonalDataCipher({ keyring: newKeyring(), stage: 'local' });
    const first = await cipher.seal('complaint', ID, { subject: 'first' });
    const second = await cipher.seal('complaint', OTHER_ID, { subject: 'second' });

    // Act
    const openedFirst = await cipher.open('complaint', ID, first);
    const swapped = cipher.open('complaint', ID, second);

    // Assess
    expect(openedFirst).toEqual({ subject: 'first' });
    await expect(swapped).rejects.toThrow(PersonalDataIntegrityError);
  });
});
