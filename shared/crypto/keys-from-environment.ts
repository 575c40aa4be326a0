import { cacheClients, getKmsClient } from '@aws-crypto/kms-keyring-node';
import { KMSClient } from '@aws-sdk/client-kms';
import { readDataKeyConfig, readPseudonymKeyConfig, readStage } from '#shared/config.ts';
import { keyringFor } from '#shared/crypto/keyring.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { kmsPseudonymizer, pseudonymizerFor, type Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { traced } from '#shared/observability/tracer.ts';

/**
 * The keys a function holds, from its environment. Only the wiring of functions that encrypt or
 * derive pseudonyms imports this module, so the others do not even load the Encryption SDK.
 * Every KMS call (data-key wrap and unwrap, MAC) is traced.
 */
export const cipherFromEnvironment = (env: NodeJS.ProcessEnv = process.env): PersonalDataCipher => {
  // The Encryption SDK's default clients (one per region, kept once KMS has answered there), traced.
  const kmsClients = cacheClients((region) => {
    const client = getKmsClient(region);
    return client && traced(client);
  });
  return createPersonalDataCipher({ keyring: keyringFor(readDataKeyConfig(env), kmsClients), stage: readStage(env) });
};

export const pseudonymsFromEnvironment = (env: NodeJS.ProcessEnv = process.env): Pseudonymizer => {
  const config = readPseudonymKeyConfig(env);
  return config.kind === 'kms' ? kmsPseudonymizer(config.keyArn, traced(new KMSClient({}))) : pseudonymizerFor(config);
};
