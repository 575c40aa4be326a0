import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';

type KeysModule = typeof import('#shared/crypto/keys-from-environment.ts');

/**
 * The keys of the environment, loaded on first use: for modules that other contexts import whole
 * (a context's `index.ts`), so that a function holding no data key does not load the Encryption
 * SDK at start just because it imports them.
 */
const keysModule = (() => {
  let loading: Promise<KeysModule> | undefined;
  return () => (loading ??= import('#shared/crypto/keys-from-environment.ts'));
})();

export const lazyCipherFromEnvironment = (env: NodeJS.ProcessEnv): PersonalDataCipher => {
  let cipher: Promise<PersonalDataCipher> | undefined;
  const loaded = () => (cipher ??= keysModule().then((keys) => keys.cipherFromEnvironment(env)));
  return {
    seal: async (entity, id, data) => (await loaded()).seal(entity, id, data),
    open: async <T extends Record<string, unknown>>(entity: string, id: string, blob: Uint8Array) => (await loaded()).open<T>(entity, id, blob),
  };
};

export const lazyPseudonymsFromEnvironment = (env: NodeJS.ProcessEnv): Pseudonymizer => {
  let pseudonyms: Promise<Pseudonymizer> | undefined;
  const loaded = () => (pseudonyms ??= keysModule().then((keys) => keys.pseudonymsFromEnvironment(env)));
  return { pseudonym: async (purpose, value) => (await loaded()).pseudonym(purpose, value) };
};
