import type { ContactCorrection, DataSubject } from '#shared/personal-data/holder.ts';
import type { ApiPorts } from '#shared/privacy/use-cases/ports.ts';

/**
 * The person corrects their contact details on what they filed and is still open (complaints,
 * notices): each context replaces them on its open items and says how many it changed.
 */
export const correctContact = async (ports: ApiPorts, subject: DataSubject, correction: ContactCorrection): Promise<Record<string, number>> => {
  const now = ports.clock.now();
  const corrected: Record<string, number> = {};
  for (const holder of ports.correctors) {
    if (holder.correctContact) corrected[holder.section] = await holder.correctContact(subject, correction, now);
  }
  return corrected;
};
