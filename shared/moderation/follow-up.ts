import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The follow-up token of a notice filed without an account: 32 random bytes (base64url), handed
 * to the notifier once in the receipt. Only its SHA-256 is stored with the notice; a 256-bit
 * random secret needs no slow hash, as nothing about it can be guessed offline from the digest.
 */

export const FOLLOW_UP_HEADER = 'x-follow-up-token';
const TOKEN_BYTES = 32;

export const newFollowUpToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

const digest = (token: string) => createHash('sha256').update(token, 'utf8').digest();

export const followUpTokenHash = (token: string): string => digest(token).toString('base64url');

/** Constant-time comparison of a presented token with the stored digest. */
export const followUpTokenMatches = (token: string, storedHash: string | undefined): boolean => {
  if (!storedHash) return false;
  const stored = Buffer.from(storedHash, 'base64url');
  const given = digest(token);
  return stored.length === given.length && timingSafeEqual(stored, given);
};
