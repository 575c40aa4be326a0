import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';

/** The entity names personal data is sealed under (part of the encryption context; never change them). */
export const sealedAs = {
  notice: 'moderation-notice',
  appeal: 'moderation-appeal',
  review: 'content-review',
  blocklistValue: 'blocklist-value',
} as const;

/** What an appeal seals: the appellant's explanation, then the moderator's reasoned reply. */
export interface AppealPersonalData {
  explanation: string;
  decisionExplanation?: string;
}

/** What a content review seals: the submitted text, URLs and media hashes. */
export interface ReviewPersonalData {
  text?: string;
  urls: string[];
  mediaHashes: string[];
}

/** A sealed blob opened with the data key; undefined once it was erased (nothing is left to open). */
export const openUnlessErased = <T extends Record<string, unknown>>(
  cipher: Pick<PersonalDataCipher, 'open'>,
  entity: string,
  id: string,
  blob: Uint8Array | undefined,
): Promise<T | undefined> => (blob ? cipher.open<T>(entity, id, blob) : Promise.resolve(undefined));
