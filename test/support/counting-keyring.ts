import { KeyringNode } from '@aws-crypto/material-management-node';

type EncryptionMaterial = Parameters<KeyringNode['_onEncrypt']>[0];
type DecryptionMaterial = Parameters<KeyringNode['_onDecrypt']>[0];
type EncryptedDataKeys = Parameters<KeyringNode['_onDecrypt']>[1];

/**
 * Delegates to a real keyring and counts its work. With KmsKeyringNode each `_onEncrypt`
 * (generate and wrap a data key) is a KMS GenerateDataKey call and each `_onDecrypt` (unwrap
 * the one encrypted data key of a message) a KMS Decrypt call: exactly what caching saves.
 */
export class CountingKeyring extends KeyringNode {
  wraps = 0;
  unwraps = 0;

  constructor(private readonly inner: KeyringNode) {
    super();
  }

  override async _onEncrypt(material: EncryptionMaterial): Promise<EncryptionMaterial> {
    this.wraps++;
    return this.inner.onEncrypt(material);
  }

  override async _onDecrypt(material: DecryptionMaterial, keys: EncryptedDataKeys): Promise<DecryptionMaterial> {
    this.unwraps++;
    return this.inner.onDecrypt(material, keys);
  }
}
