import { readDataKeyConfig, readPseudonymKeyConfig, readStage } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { pseudonymizerFor, type Pseudonymizer } from '#shared/crypto/pseudonym.ts';

/**
 * The keys a function holds, from its environment. Only the wiring of functions that encrypt or
 * derive pseudonyms imports this module, so the others do not even load the Encryption SDK.
 */
export const cipherFromEnvironment = (env: NodeJS.ProcessEnv = process.env): PersonalDataCipher =>
  createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig(env)), stage: readStage(env) });

export const pseudonymsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Pseudonymizer =>
  pseudonymizerFor(readPseudonymKeyConfig(env));
