import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commonEnv } from '#shared/manifest/platform.ts';
import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';

const keyFile = () => {
  const file = join(mkdtempSync(join(tmpdir(), 'data-key-')), 'key');
  writeFileSync(file, randomBytes(32).toString('base64'));
  return file;
};
const localEnv = (file: string) => ({ [commonEnv.stage]: 'local', [commonEnv.localKeyFile]: file });

describe('the cipher of the environment', () => {
  it('is one per key and stage, so that every context of a function shares its data-key cache', async () => {
    // Prepare
    const file = keyFile();

    // Act
    const first = cipherFromEnvironment(localEnv(file));
    const second = cipherFromEnvironment({ ...localEnv(file), UNRELATED: 'x' });
    const otherKey = cipherFromEnvironment(localEnv(keyFile()));

    // Assess
    expect(second).toBe(first);
    expect(otherKey).not.toBe(first);
    const sealed = await first.seal('complaint', 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR', { subject: 'Shared' });
    await expect(second.open('complaint', 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR', sealed)).resolves.toEqual({ subject: 'Shared' });
    await expect(otherKey.open('complaint', 'cmp_01JQ3Z5X8Y9ABCDEFGHJKMNPQR', sealed)).rejects.toThrow();
  });
});
