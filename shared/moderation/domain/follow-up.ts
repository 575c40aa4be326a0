import { timingSafeEqual } from 'node:crypto';

/**
 * The follow-up token of a notice filed without an account: the keyed pseudonym of the notice id
 * (an HMAC with the pseudonym key, which never leaves KMS in AWS; 160 bits, base64url). Derived,
 * not drawn: nothing secret is stored with the notice, every repeat of the filing answers the same
 * token, and a presented token is checked by deriving it again.
 */

export const FOLLOW_UP_HEADER = 'x-follow-up-token';

/** The keyed pseudonyms the token is derived with (the platform's pseudonymizer satisfies it). */
interface Pseudonymizer {
  pseudonym(purpose: string, value: string): Promise<string>;
}
const PURPOSE = 'notice-follow-up';

export const followUpTokenOf = (pseudonyms: Pseudonymizer, noticeId: string): Promise<string> => pseudonyms.pseudonym(PURPOSE, noticeId);

/** Constant-time comparison of a presented token with the notice's own; a missing token never matches. */
export const followUpTokenMatches = async (pseudonyms: Pseudonymizer, noticeId: string, token: string | undefined): Promise<boolean> => {
  const expected = Buffer.from(await followUpTokenOf(pseudonyms, noticeId), 'utf8');
  if (token === undefined) return false;
  const given = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
};

/**
 * Who appeals with a notice's token: the notice itself, not its contact email (which nobody
 * verified). Appeal rights, the one-appeal-per-decision pointer and the follow-up view key on it.
 */
const ANONYMOUS_APPELLANT = 'notice:';
export const anonymousAppellantOf = (noticeId: string) => `${ANONYMOUS_APPELLANT}${noticeId}`;

/** The notice an appellant without an account appealed with; undefined for an appellant with an account. */
export const noticeOfAnonymousAppellant = (appellantId: string): string | undefined =>
  appellantId.startsWith(ANONYMOUS_APPELLANT) ? appellantId.slice(ANONYMOUS_APPELLANT.length) : undefined;
