import type { DataSubject, PersonalDataHolder } from '#shared/personal-data/holder.ts';
import type { TransparencyExport } from '#shared/transparency/http/data-export-schema.ts';
import type { PolicyStore } from '#shared/transparency/store/policy-store.ts';

export interface TransparencyPersonalDataPorts {
  store: Pick<PolicyStore, 'acknowledgementsOf' | 'deleteAcknowledgements'>;
}

/** Acknowledgements are made by people who sign in: a person on an integration channel has none. */
const acknowledgementsOf = (ports: TransparencyPersonalDataPorts, subject: DataSubject) =>
  subject.kind === 'account' ? ports.store.acknowledgementsOf(subject.id) : Promise.resolve([]);

/**
 * The transparency context's part in people's rights over their data: the privacy-policy
 * acknowledgements. Erasure deletes them; the counters per version in the figures table stay,
 * so the report's figures do not change. Nothing is held.
 */
export const createTransparencyPersonalDataHolder = (ports: TransparencyPersonalDataPorts): PersonalDataHolder => ({
  section: 'transparency',
  async exportOf(subject): Promise<TransparencyExport> {
    return { privacyPolicyAcknowledgements: await acknowledgementsOf(ports, subject) };
  },
  holdsOf: async () => [],
  async erase(subject) {
    const acknowledgements = await acknowledgementsOf(ports, subject);
    if (acknowledgements.length > 0) await ports.store.deleteAcknowledgements(subject.id, acknowledgements.map((a) => a.version));
    return { erased: acknowledgements.length, held: [] };
  },
});
