import { categories, categoryNames, channels, isRequired, type Category, type Channel } from '#shared/notifications/domain/catalogue.ts';

/**
 * A person's choices: the channels they turned off per category. Everything is on until turned
 * off; a required category (legal notices) cannot be turned off on any channel.
 */
export interface Preferences {
  off: Partial<Record<Category, Channel[]>>;
}

export const defaultPreferences: Preferences = { off: {} };

/** Whether a message of `category` may go out on `channel`. */
export const allows = (preferences: Preferences, category: Category, channel: Channel): boolean =>
  isRequired(category) || !(preferences.off[category] ?? []).includes(channel);

/** A requested change: per category, per channel, on (true) or off (false); what is not named stays. */
export type PreferenceChange = Partial<Record<Category, Partial<Record<Channel, boolean>>>>;

/** A change that would turn off a required category (answered 409). */
export class RequiredCategoryError extends Error {
  override name = 'RequiredCategoryError';
  constructor(readonly category: Category) {
    super(`Notices of the category ${category} are required by law and cannot be turned off.`);
  }
}

/** The preferences after `change`; refuses to turn off a required category, and a staff category for a person who is not staff is irrelevant but harmless. */
export const applyChange = (preferences: Preferences, change: PreferenceChange): Preferences => {
  const off: Preferences['off'] = { ...preferences.off };
  for (const [category, byChannel] of Object.entries(change) as Array<[Category, Partial<Record<Channel, boolean>>]>) {
    const current = new Set(off[category] ?? []);
    for (const [channel, on] of Object.entries(byChannel) as Array<[Channel, boolean]>) {
      if (on) current.delete(channel);
      else if (isRequired(category)) throw new RequiredCategoryError(category);
      else current.add(channel);
    }
    if (current.size > 0) off[category] = channels.filter((c) => current.has(c));
    else delete off[category];
  }
  return { off };
};

/** The preferences as a person reads them: every category, whether required, and each channel on or off. */
export const preferenceView = (preferences: Preferences, options: { staff: boolean }) =>
  categoryNames
    .filter((category) => options.staff || !categories[category].staff)
    .map((category) => ({
      category,
      required: isRequired(category),
      channels: Object.fromEntries(channels.map((channel) => [channel, allows(preferences, category, channel)])) as Record<Channel, boolean>,
    }));
