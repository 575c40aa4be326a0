import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { problems } from '#shared/http/problem.ts';
import { personKey } from '#shared/notifications/domain/delivery.ts';
import { applyChange, preferenceView, RequiredCategoryError, type PreferenceChange } from '#shared/notifications/domain/preferences.ts';
import type { PreferenceStore } from '#shared/notifications/store/preference-store.ts';

export interface PreferencePorts {
  preferences: Pick<PreferenceStore, 'preferencesOf' | 'save'>;
  clock: Clock;
}

const isStaff = (caller: Pick<Caller, 'roles'>) => caller.roles.some((role) => role !== 'user' && role !== 'trusted_flagger');

/** The caller's choices per category and channel (staff also see the staff categories). */
export const getPreferences = async (ports: PreferencePorts, caller: Pick<Caller, 'sub' | 'roles'>) => ({
  categories: preferenceView(await ports.preferences.preferencesOf(personKey(caller.sub)), { staff: isStaff(caller) }),
});

/** Turns categories on or off per channel; turning off a required category is refused whole (409), nothing saved. */
export const updatePreferences = async (ports: PreferencePorts, caller: Pick<Caller, 'sub' | 'roles'>, change: PreferenceChange) => {
  const key = personKey(caller.sub);
  const current = await ports.preferences.preferencesOf(key);
  const next = (() => {
    try {
      return applyChange(current, change);
    } catch (error) {
      if (error instanceof RequiredCategoryError) throw problems.conflict('required-category', error.message);
      throw error;
    }
  })();
  await ports.preferences.save(key, next, ports.clock.now().toISOString());
  return { categories: preferenceView(next, { staff: isStaff(caller) }) };
};
