// The ESDK's sub-packages rather than `@aws-crypto/client-node`, which is CommonJS and would
// bundle and initialise every keyring it re-exports (see bench/).
import {
  getLocalCryptographicMaterialsCache,
  NodeCachingMaterialsManager,
} from '@aws-crypto/caching-materials-manager-node';
import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import {
  AlgorithmSuiteIdentifier,
  CommitmentPolicy,
  type KeyringNode,
  type NodeMaterialsManager,
} from '@aws-crypto/material-management-node';

/**
 * Envelope encryption of personal data with the AWS Encryption SDK.
 *
 * - One encrypted blob per item holds all of its personal fields (an ESDK message carries
 *   several hundred bytes of header; one per field would multiply the write cost).
 * - Committing, non-signing algorithm suite: key commitment without the cost of ECDSA.
 * - The encryption context carries only the entity type and the stage, so that the caching
 *   materials manager can reuse one data key across many items; the item's id is sealed inside
 *   the payload and checked on decrypt, so a blob copied onto another item fails to open.
 */

const { encrypt } = buildEncrypt(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const { decrypt } = buildDecrypt(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;

export class PersonalDataIntegrityError extends Error {
  override name = 'PersonalDataIntegrityError';
}

export interface DataKeyCachePolicy {
  /** Seconds a data key is reused for. */
  maxAgeSeconds: number;
  /** Items encrypted under one data key before a new one is generated. */
  maxMessagesEncrypted: number;
  /** Entries kept in the in-memory cache. */
  capacity: number;
}

export const defaultCachePolicy: DataKeyCachePolicy = {
  maxAgeSeconds: 300,
  maxMessagesEncrypted: 500,
  capacity: 100,
};

export interface PersonalDataCipher {
  seal(entity: string, id: string, data: Record<string, unknown>): Promise<Uint8Array>;
  open<T extends Record<string, unknown>>(entity: string, id: string, blob: Uint8Array): Promise<T>;
}

export const createPersonalDataCipher = (options: {
  keyring: KeyringNode;
  stage: string;
  /** `false` turns caching off (every item gets its own data key); used by the benchmark. */
  cache?: DataKeyCachePolicy | false;
}): PersonalDataCipher => {
  const cachePolicy = options.cache ?? defaultCachePolicy;
  const materials: KeyringNode | NodeMaterialsManager =
    cachePolicy === false
      ? options.keyring
      : new NodeCachingMaterialsManager({
          backingMaterials: options.keyring,
          cache: getLocalCryptographicMaterialsCache(cachePolicy.capacity),
          maxAge: cachePolicy.maxAgeSeconds * 1000,
          maxMessagesEncrypted: cachePolicy.maxMessagesEncrypted,
        });
  const contextFor = (entity: string) => ({ entity, stage: options.stage });

  return {
    async seal(entity, id, data) {
      const plaintext = Buffer.from(JSON.stringify({ ...data, __id: id }), 'utf8');
      const { result } = await encrypt(materials, plaintext, {
        encryptionContext: contextFor(entity),
        suiteId: SUITE,
        plaintextLength: plaintext.byteLength,
      });
      return result;
    },

    async open(entity, id, blob) {
      const { plaintext, messageHeader } = await decrypt(materials, Buffer.from(blob));
      const expected = contextFor(entity);
      for (const [key, value] of Object.entries(expected)) {
        if (messageHeader.encryptionContext[key] !== value) {
          throw new PersonalDataIntegrityError(`Encryption context mismatch on "${key}"`);
        }
      }
      const { __id: sealedId, ...data } = JSON.parse(plaintext.toString('utf8')) as Record<string, unknown>;
      if (sealedId !== id) throw new PersonalDataIntegrityError('Encrypted payload belongs to another item');
      return data as never;
    },
  };
};
