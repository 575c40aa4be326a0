import { readDataKeyConfig, readPseudonymKeyConfig, readStage } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { pseudonymizerFor, type Pseudonymizer } from '#shared/crypto/pseudonym.ts';

/*
 * The keys a function holds, from its environment. Only the wiring of functions that encrypt or
 * derive pseudonyms imports this module, so the others do not even load the Encryption SDK.
 */

/** The ciphers made in this process, by key and stage. */
const ciphers = new Map<string, PersonalDataCipher>();

/**
 * The personal-data cipher of the key and stage the environment names: one per process, so that
 * every context a function wires (the privacy functions wire seven) shares one data-key cache,
 * and a cold container asks KMS for a data key once, not once per context.
 */
export const cipherFromEnvironment = (env: NodeJS.ProcessEnv = process.env): PersonalDataCipher => {
  const config = readDataKeyConfig(env);
  const stage = readStage(env);
  const id = JSON.stringify([config, stage]);
  let cipher = ciphers.get(id);
  if (!cipher) {
    cipher = createPersonalDataCipher({ keyring: keyringFor(config), stage });
    ciphers.set(id, cipher);
  }
  return cipher;
};

export const pseudonymsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Pseudonymizer =>
  pseudonymizerFor(readPseudonymKeyConfig(env));
