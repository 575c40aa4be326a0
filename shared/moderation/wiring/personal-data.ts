import { lazyCipherFromEnvironment } from '#shared/crypto/lazy-keys.ts';
import { createModerationPersonalDataHolder } from '#shared/moderation/use-cases/personal-data-holder.ts';
import { moderationPortsFromEnvironment, type WiringOverrides } from '#shared/moderation/wiring/context.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';

/**
 * Trust and safety's personal-data holder wired from the environment, for the privacy functions:
 * the moderation table (read-write) and the data key, which opens, re-seals and erases notices',
 * appeals' and submitted content's sealed fields. The key is loaded on first use, so that the
 * functions importing the context's index for other reasons do not load the Encryption SDK.
 */
export const moderationPersonalDataHolderFromEnvironment = (overrides: Omit<WiringOverrides, 'clock'> = {}): PersonalDataHolder => {
  const env = overrides.env ?? process.env;
  const { ports } = moderationPortsFromEnvironment({ ...overrides, env }, 'moderation-personal-data', { cipher: lazyCipherFromEnvironment(env) });
  return createModerationPersonalDataHolder(ports);
};
