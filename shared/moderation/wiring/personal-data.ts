import { cipherFromEnvironment } from '#shared/crypto/keys-from-environment.ts';
import { createModerationPersonalDataHolder } from '#shared/moderation/use-cases/personal-data-holder.ts';
import { moderationPortsFromEnvironment, type WiringOverrides } from '#shared/moderation/wiring/context.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';

/**
 * Trust and safety's personal-data holder wired from the environment, for the privacy functions:
 * the moderation table (read-write) and the data key, which opens, re-seals and erases notices',
 * appeals' and submitted content's sealed fields. Only the privacy functions load it (it is not in
 * the context's index, which functions without the data key import).
 */
export const moderationPersonalDataHolderFromEnvironment = (overrides: Omit<WiringOverrides, 'clock'> = {}): PersonalDataHolder => {
  const env = overrides.env ?? process.env;
  const { ports } = moderationPortsFromEnvironment({ ...overrides, env }, 'moderation-personal-data', { cipher: cipherFromEnvironment(env) });
  return createModerationPersonalDataHolder(ports);
};
