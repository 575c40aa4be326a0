import type { Table } from '#shared/aws/table.ts';
import { defaultPreferences, type Preferences } from '#shared/notifications/domain/preferences.ts';
import { preferencesKey, suppressionKey } from '#shared/notifications/store/keys.ts';

/** Preferences per recipient key, and the suppression list of addresses (by pseudonym). */
export const createPreferenceStore = (table: Table) => ({
  async preferencesOf(recipientKey: string): Promise<Preferences> {
    const item = await table.get<{ off?: Preferences['off'] }>(preferencesKey(recipientKey), { consistent: true, projection: ['off'] });
    return item?.off ? { off: item.off } : defaultPreferences;
  },

  async save(recipientKey: string, preferences: Preferences, at: string): Promise<void> {
    await table.put({ ...preferencesKey(recipientKey), off: preferences.off, updatedAt: at });
  },

  /** The preferences a recipient saved and when; undefined when they never changed any. */
  async savedPreferencesOf(recipientKey: string): Promise<(Preferences & { updatedAt: string }) | undefined> {
    const item = await table.get<{ off?: Preferences['off']; updatedAt?: string }>(preferencesKey(recipientKey), { consistent: true, projection: ['off', 'updatedAt'] });
    return item?.off ? { off: item.off, updatedAt: item.updatedAt ?? '' } : undefined;
  },

  /** Why and since when an address is on the suppression list; undefined when it is not. */
  async suppressionOf(addressPseudonym: string): Promise<{ reason: 'bounce' | 'complaint'; since: string } | undefined> {
    return table.get<{ reason: 'bounce' | 'complaint'; since: string }>(suppressionKey(addressPseudonym), { projection: ['reason', 'since'] });
  },

  async isSuppressed(addressPseudonym: string): Promise<boolean> {
    return (await table.get(suppressionKey(addressPseudonym), { projection: ['pk'] })) !== undefined;
  },

  /** Puts an address on the suppression list (a hard bounce or a complaint); the first reason is kept. */
  async suppress(addressPseudonym: string, reason: 'bounce' | 'complaint', at: string): Promise<void> {
    await table.update({
      Key: suppressionKey(addressPseudonym),
      UpdateExpression: 'SET reason = if_not_exists(reason, :reason), since = if_not_exists(since, :at)',
      ExpressionAttributeValues: { ':reason': reason, ':at': at },
    });
  },
});

export type PreferenceStore = ReturnType<typeof createPreferenceStore>;
