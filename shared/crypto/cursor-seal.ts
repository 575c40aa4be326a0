import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { GenerateMacCommand, KMSClient } from '@aws-sdk/client-kms';
import { readPseudonymKeyConfig, type PseudonymKeyConfig } from '#shared/config.ts';

/**
 * Sealed list cursors. A cursor carries where a list resumes (a DynamoDB key, which names items
 * and people), so it is encrypted and authenticated with AES-256-GCM: the caller reads nothing in
 * it, cannot change it, and cannot use it as anyone else or on another list, because the caller
 * and the list are its associated data. A cursor also expires.
 *
 * The AES key is derived once per process from the pseudonym key (a KMS HMAC key in AWS, a key
 * file locally): one MAC of a fixed message. Pseudonym messages are `<purpose>\0<value>`, and this
 * message holds no NUL, so the cursor key is never a pseudonym.
 */

/** Whose cursor it is (a person's subject or a machine client's id) and of which list (its name and partition). */
export interface CursorScope {
  caller: string;
  list: string;
}

export interface CursorSeal {
  seal(payload: string, scope: CursorScope): Promise<string>;
  /** The payload of a cursor sealed for this scope and not expired; undefined for anything else. */
  open(cursor: string, scope: CursorScope): Promise<string | undefined>;
}

export const CURSOR_KEY_MESSAGE = 'user-protection cursor key v1';
/** How long a cursor can be used after its page was served. */
export const CURSOR_LIFETIME_MS = 24 * 60 * 60 * 1000;

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

/** The caller and the list, unambiguously: no caller and list run into another pair. */
const associatedData = (scope: CursorScope) => Buffer.from(`cursor v${VERSION} ${JSON.stringify([scope.caller, scope.list])}`, 'utf8');

interface Sealed {
  /** The list's own payload. */
  p: string;
  /** Expiry, in epoch milliseconds. */
  e: number;
}

/** A cursor seal over a lazily derived AES-256 key; a failed derivation is tried again on the next call. */
export const createCursorSeal = (
  deriveKey: () => Promise<Uint8Array>,
  now: () => number = Date.now,
  lifetimeMs: number = CURSOR_LIFETIME_MS,
): CursorSeal => {
  let key: Promise<Uint8Array> | undefined;
  const cursorKey = () => {
    key ??= deriveKey().then(
      (derived) => {
        if (derived.byteLength !== 32) throw new Error('The cursor key must be 32 bytes');
        return derived;
      },
      (error: unknown) => {
        key = undefined;
        throw error;
      },
    );
    return key;
  };

  return {
    async seal(payload, scope) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', await cursorKey(), iv);
      cipher.setAAD(associatedData(scope));
      const body: Sealed = { p: payload, e: now() + lifetimeMs };
      const ciphertext = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
    },

    async open(cursor, scope) {
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
      const bytes = Buffer.from(cursor, 'base64url');
      if (bytes.byteLength <= HEADER_BYTES || bytes[0] !== VERSION) return undefined;
      const decipher = createDecipheriv('aes-256-gcm', await cursorKey(), bytes.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(associatedData(scope));
      decipher.setAuthTag(bytes.subarray(1 + IV_BYTES, HEADER_BYTES));
      let body: Sealed;
      try {
        body = JSON.parse(Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]).toString('utf8')) as Sealed;
      } catch {
        return undefined;
      }
      return typeof body.p === 'string' && typeof body.e === 'number' && body.e > now() ? body.p : undefined;
    },
  };
};

const cursorKeyMessage = Buffer.from(CURSOR_KEY_MESSAGE, 'utf8');

/**
 * The cursor key from a KMS HMAC key: one GenerateMac of the fixed message. Another fixed message
 * (with no NUL) derives an independent key for another kind of sealed token.
 */
export const kmsCursorKey = (keyArn: string, kms?: Pick<KMSClient, 'send'>, message = cursorKeyMessage) => async (): Promise<Uint8Array> => {
  const { Mac } = await (kms ?? new KMSClient({})).send(new GenerateMacCommand({ KeyId: keyArn, MacAlgorithm: 'HMAC_SHA_256', Message: message }));
  if (!Mac) throw new Error('KMS returned no MAC');
  return Mac;
};

/** The cursor key from the local pseudonym key: an HMAC of the fixed message, as KMS would compute it. */
export const localCursorKey = (keyFile: string, message = cursorKeyMessage) => async (): Promise<Uint8Array> =>
  createHmac('sha256', Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).update(message).digest();

export const cursorSealFor = (config: PseudonymKeyConfig): CursorSeal =>
  createCursorSeal(config.kind === 'kms' ? kmsCursorKey(config.keyArn) : localCursorKey(config.keyFile));

/**
 * A seal like the cursors' for longer-lived tokens handed out in messages (one-click unsubscribe
 * links): its own key, derived from the pseudonym key with `keyMessage`, and its own lifetime.
 */
export const tokenSealFor = (config: PseudonymKeyConfig, keyMessage: string, lifetimeMs: number): CursorSeal => {
  const message = Buffer.from(keyMessage, 'utf8');
  return createCursorSeal(config.kind === 'kms' ? kmsCursorKey(config.keyArn, undefined, message) : localCursorKey(config.keyFile, message), Date.now, lifetimeMs);
};

/** The cursor seal of a listing function; nothing is read or called before its first list. */
export const cursorSealFromEnvironment = (env: NodeJS.ProcessEnv = process.env): CursorSeal => cursorSealFor(readPseudonymKeyConfig(env));
