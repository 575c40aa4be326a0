import { readFileSync } from 'node:fs';
import { KmsKeyringNode } from '@aws-crypto/kms-keyring-node';
import type { KeyringNode } from '@aws-crypto/material-management-node';
import { RawAesKeyringNode, RawAesWrappingSuiteIdentifier } from '@aws-crypto/raw-aes-keyring-node';
import type { DataKeyConfig } from '#shared/config.ts';

/** Key namespace and name recorded in each message written with the local key. */
const LOCAL_KEY_NAMESPACE = 'user-protection-local';
const LOCAL_KEY_NAME = 'data-key';
export const LOCAL_KEY_BYTES = 32;

export const localKeyringFromBytes = (key: Uint8Array): KeyringNode =>
  new RawAesKeyringNode({
    keyName: LOCAL_KEY_NAME,
    keyNamespace: LOCAL_KEY_NAMESPACE,
    unencryptedMasterKey: new Uint8Array(key),
    wrappingSuite: RawAesWrappingSuiteIdentifier.AES256_GCM_IV12_TAG16_NO_PADDING,
  });

/** KMS in AWS (each data-key wrap or unwrap is a KMS call); the generated local key locally. */
export const keyringFor = (config: DataKeyConfig): KeyringNode => {
  if (config.kind === 'kms') return new KmsKeyringNode({ generatorKeyId: config.keyArn });
  const key = Buffer.from(readFileSync(config.keyFile, 'utf8').trim(), 'base64');
  if (key.byteLength !== LOCAL_KEY_BYTES) {
    throw new Error(`The local data key in ${config.keyFile} must hold ${LOCAL_KEY_BYTES} base64-encoded bytes`);
  }
  return localKeyringFromBytes(key);
};
