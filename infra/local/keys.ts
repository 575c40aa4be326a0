import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { LOCAL_KEY_BYTES } from '#shared/crypto/keyring.ts';

/** Writes a secret readable by its owner only (mode 0600), in a directory only the owner can list. */
const writeSecret = (path: string, content: string) => {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, content, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
};

/** The local stand-in for the KMS key: 32 random bytes, created on first run and kept. */
export const ensureLocalDataKey = (path: string): void => {
  if (existsSync(path)) return;
  writeSecret(path, `${randomBytes(LOCAL_KEY_BYTES).toString('base64')}\n`);
};

/** The local stand-in for the KMS HMAC key that derives pseudonyms: 32 random bytes, kept like the data key. */
const LOCAL_PSEUDONYM_KEY_BYTES = 32;
export const ensureLocalPseudonymKey = (path: string): void => {
  if (existsSync(path)) return;
  writeSecret(path, `${randomBytes(LOCAL_PSEUDONYM_KEY_BYTES).toString('base64')}\n`);
};

const LOCAL_SIGNING_KEY_ID = 'local-1';

/** The local identity provider's RS256 signing key (Cognito signs with RS256 too). */
export const ensureLocalSigningKey = async (path: string): Promise<void> => {
  if (existsSync(path)) return;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: LOCAL_SIGNING_KEY_ID, alg: 'RS256', use: 'sig' };
  writeSecret(path, JSON.stringify(jwk));
};

export const loadSigningKeys = async (path: string) => {
  const jwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = jwk;
  return {
    privateKey: await importJWK(jwk, 'RS256'),
    publicKey: await importJWK(publicJwk, 'RS256'),
    kid: jwk.kid ?? LOCAL_SIGNING_KEY_ID,
  };
};
