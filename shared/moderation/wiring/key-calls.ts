import { concurrencyLimit } from '#shared/concurrency.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';

/**
 * Key calls (seals, opens, pseudonyms: each may be a KMS call in AWS) one function instance keeps
 * in flight at once. A page of notices opened, or a post's phones and accounts pseudonymised for
 * screening, then queue up instead of bursting into KMS's request quota.
 */
const KEY_CALLS_IN_FLIGHT = 8;

interface KeyCapabilities {
  cipher?: PersonalDataCipher;
  pseudonyms?: Pseudonymizer;
}

/** The capabilities given, sharing one limit on the calls in flight. */
export const limitedKeyCalls = <C extends KeyCapabilities>(capabilities: C, limit = KEY_CALLS_IN_FLIGHT): C => {
  const limited = concurrencyLimit(limit);
  const { cipher, pseudonyms } = capabilities;
  return {
    ...capabilities,
    ...(cipher && {
      cipher: {
        seal: (entity, id, data) => limited(() => cipher.seal(entity, id, data)),
        open: (entity, id, blob) => limited(() => cipher.open(entity, id, blob)),
      } satisfies PersonalDataCipher,
    }),
    ...(pseudonyms && { pseudonyms: { pseudonym: (purpose, value) => limited(() => pseudonyms.pseudonym(purpose, value)) } satisfies Pseudonymizer }),
  };
};
