import { describe, expect, it } from 'vitest';
import { concurrencyLimit } from '#shared/concurrency.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { limitedKeyCalls } from '#shared/moderation/wiring/key-calls.ts';

/** The limit on key calls in flight: many values sealed, opened or pseudonymised at once queue up. */

const gauge = () => {
  let running = 0;
  let peak = 0;
  const task = async <T>(value: T): Promise<T> => {
    running += 1;
    peak = Math.max(peak, running);
    await new Promise((resolve) => setTimeout(resolve, 2));
    running -= 1;
    return value;
  };
  return { task, peak: () => peak };
};

describe('a concurrency limit', () => {
  it('runs at most `limit` tasks at once, all of them, with their results in order', async () => {
    // Prepare
    const limited = concurrencyLimit(3);
    const { task, peak } = gauge();

    // Act
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limited(() => task(i))));

    // Assess
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak()).toBe(3);
  });

  it('frees the place of a task that fails', async () => {
    // Prepare
    const limited = concurrencyLimit(1);

    // Act
    const failed = limited(() => Promise.reject(new Error('KMS throttled')));
    const after = limited(() => Promise.resolve('ran'));

    // Assess
    await expect(failed).rejects.toThrow('KMS throttled');
    await expect(after).resolves.toBe('ran');
  });
});

describe('the key calls of a trust-and-safety function', () => {
  it('keep at most the limit of seals, opens and pseudonyms in flight together', async () => {
    // Prepare
    const { task, peak } = gauge();
    const given: { cipher: PersonalDataCipher; pseudonyms: Pseudonymizer } = {
      cipher: { seal: () => task(new Uint8Array([1])), open: <T>() => task({} as T) },
      pseudonyms: { pseudonym: (_purpose, value) => task(value) },
    };
    const { cipher, pseudonyms } = limitedKeyCalls(given, 4);

    // Act
    await Promise.all([
      ...Array.from({ length: 30 }, (_, i) => pseudonyms.pseudonym('blocklist:phone', `+4420794600${i}`)),
      ...Array.from({ length: 30 }, () => cipher.open('moderation-notice', 'ntc_1', new Uint8Array())),
      ...Array.from({ length: 30 }, () => cipher.seal('moderation-notice', 'ntc_1', {})),
    ]);

    // Assess
    expect(peak()).toBe(4);
  });
});
