/**
 * Who is in a campaign's sample: a user is included when u = HMAC(key, campaign id, user id),
 * read as a number in [0, 1), is below the campaign's sampling rate. The key is the platform's
 * pseudonym key (a KMS HMAC key that never leaves KMS), so:
 * - nobody can tell in advance who will be sampled, nor make themselves sampled (a user id
 *   gives the same u however often it asks, and without the key u cannot be computed);
 * - each campaign draws a fresh, independent sample (the campaign id is in the MAC);
 * - no list of users is needed: whether a user is invited is decided when they are seen.
 */

/** The first 48 bits of a pseudonym (base64url of a MAC) as a number uniform in [0, 1). */
export const uniformFromPseudonym = (pseudonym: string): number => {
  const bytes = Buffer.from(pseudonym, 'base64url');
  if (bytes.byteLength < 6) throw new Error('A pseudonym holds at least 48 bits');
  return bytes.readUIntBE(0, 6) / 2 ** 48;
};

/** The keyed hash the draw is read from: the platform's pseudonyms (shared/crypto/pseudonym.ts). */
export interface Pseudonyms {
  pseudonym(purpose: string, value: string): Promise<string>;
}

export const samplingDraw = async (pseudonyms: Pseudonyms, campaignId: string, userId: string): Promise<number> =>
  uniformFromPseudonym(await pseudonyms.pseudonym(`survey-sample:${campaignId}`, userId));

export const isSampled = (draw: number, rate: number): boolean => draw < rate;
