import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import type { PseudonymKeyConfig } from '#shared/config.ts';

/**
 * Keyed pseudonyms of external references (a social handle, an email address, a phone number):
 * the same reference always gives the same pseudonym, so a person's complaints from one channel
 * stay together, yet the pseudonym cannot be reversed by hashing candidate values without the
 * key. In AWS the key is a KMS HMAC key that never leaves KMS; locally, a generated key file.
 */
export interface Pseudonymizer {
  pseudonym(purpose: string, value: string): Promise<string>;
}

/** Case and spacing do not make another person: `Ada@Example.com ` is `ada@example.com`. */
const normalise = (value: string) => value.normalize('NFKC').trim().toLowerCase();
const message = (purpose: string, value: string) => Buffer.from(`${purpose}\u0000${normalise(value)}`, 'utf8');
const encode = (mac: Uint8Array) => Buffer.from(mac).subarray(0, 20).toString('base64url');

/** Recently computed pseudonyms, so that a busy reference does not cost a KMS call each time. */
const memoised = (compute: (purpose: string, value: string) => Promise<string>, capacity = 1000): Pseudonymizer => {
  const cache = new Map<string, string>();
  return {
    async pseudonym(purpose, value) {
      const key = `${purpose}\u0000${normalise(value)}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const result = await compute(purpose, value);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      cache.set(key, result);
      return result;
    },
  };
};

export const localPseudonymizer = (key: Uint8Array): Pseudonymizer =>
  memoised(async (purpose, value) => encode(createHmac('sha256', key).update(message(purpose, value)).digest()));

const kmsPseudonymizer = (keyArn: string, kms: Pick<KMSClient, 'send'> = new KMSClient({})): Pseudonymizer =>
  memoised(async (purpose, value) => {
    const { Mac } = await kms.send(
      new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: message(purpose, value) }),
    );
    if (!Mac) throw new Error('KMS returned no MAC');
    return encode(Mac);
  });

export const pseudonymizerFor = (config: PseudonymKeyConfig): Pseudonymizer => {
  if (config.kind === 'kms') return kmsPseudonymizer(config.keyArn);
  const key = Buffer.from(readFileSync(config.keyFile, 'utf8').trim(), 'base64');
  if (key.byteLength < 32) throw new Error(`The local pseudonym key in ${config.keyFile} must hold at least 32 bytes`);
  return localPseudonymizer(key);
};
