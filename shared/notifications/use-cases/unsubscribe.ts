import type { Clock } from '#shared/clock.ts';
import type { CursorSeal } from '#shared/crypto/cursor-seal.ts';
import { problemOf } from '#shared/http/problem.ts';
import { categoryNames, isRequired, messageCategories, type Category, type MessageType } from '#shared/notifications/domain/catalogue.ts';
import { applyChange } from '#shared/notifications/domain/preferences.ts';
import type { PreferenceStore } from '#shared/notifications/store/preference-store.ts';

/** The key message of the unsubscribe tokens' own key (derived from the pseudonym key). */
export const UNSUBSCRIBE_KEY_MESSAGE = 'user-protection unsubscribe key v1';
/** An unsubscribe link keeps working this long after its email was sent. */
export const UNSUBSCRIBE_LIFETIME_MS = 400 * 24 * 60 * 60 * 1000;
const SCOPE = { caller: 'unsubscribe', list: 'notification-category' };

/**
 * One-click unsubscribe (RFC 8058): every email of a category that may be turned off carries a
 * link holding a sealed token (recipient key and category, encrypted and authenticated with a key
 * derived from the pseudonym key), so the link works without a login and cannot be forged or
 * pointed at somebody else.
 */
export const unsubscribeLinks = (seal: CursorSeal, publicBaseUrl: string) => async (recipientKey: string, type: MessageType) => {
  const token = await seal.seal(JSON.stringify({ r: recipientKey, c: messageCategories[type] }), SCOPE);
  return `${publicBaseUrl.replace(/\/$/, '')}/v1/unsubscribe?token=${token}`;
};

const invalidToken = () =>
  problemOf(400, 'invalid-unsubscribe-token', 'Invalid unsubscribe link', 'This link is not valid (changed, expired, or not from us).');

/** What a token says: whose preferences and which category; a forged, altered or expired token is 400. */
export const openUnsubscribeToken = async (seal: CursorSeal, token: string | undefined): Promise<{ recipientKey: string; category: Category }> => {
  const payload = token ? await seal.open(token, SCOPE) : undefined;
  if (!payload) throw invalidToken();
  const { r, c } = JSON.parse(payload) as { r?: unknown; c?: unknown };
  if (typeof r !== 'string' || !categoryNames.includes(c as Category) || isRequired(c as Category)) throw invalidToken();
  return { recipientKey: r, category: c as Category };
};

/** Turns the token's category off by email for its recipient (again is fine). */
export const unsubscribe = async (
  ports: { seal: CursorSeal; preferences: Pick<PreferenceStore, 'preferencesOf' | 'save'>; clock: Clock },
  token: string | undefined,
) => {
  const { recipientKey, category } = await openUnsubscribeToken(ports.seal, token);
  const next = applyChange(await ports.preferences.preferencesOf(recipientKey), { [category]: { email: false } });
  await ports.preferences.save(recipientKey, next, ports.clock.now().toISOString());
  return { category, channel: 'email' as const, unsubscribed: true };
};
