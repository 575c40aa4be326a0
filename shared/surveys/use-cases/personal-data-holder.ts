import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { VersionConflictError } from '#shared/errors.ts';
import type { PersonalDataHolder } from '#shared/personal-data/holder.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import type { ExportedInvitation, SurveysExport } from '#shared/surveys/http/data-export-schema.ts';
import { surveysManifest } from '#shared/surveys/manifest.ts';
import type { StoredInvitation, SurveyPersonalDataStore } from '#shared/surveys/use-cases/ports.ts';
import { storedAnswers } from '#shared/surveys/use-cases/survey-views.ts';

/**
 * The surveys' part of a person's rights over their data: a copy of their invitations and answers,
 * their erasure, and the retention that removes free-text answers once the month's results are
 * reported. Only people with an account are invited, so an integration subject holds nothing here.
 *
 * Free text is stored twice: on the invitation (for the person) and as a comment filed under the
 * campaign at a random id (for staff, who must not learn who wrote it). The comment is reached
 * only from its invitation's `commentId`, so it goes with the invitation's text. Scores and counts
 * are in the figures table and stay. No hold applies to survey answers.
 */

export interface SurveysPersonalDataPorts {
  store: SurveyPersonalDataStore;
  cipher: Pick<PersonalDataCipher, 'open'>;
}

const isVersionConflict = (error: unknown) => error instanceof VersionConflictError;

const exportedInvitationOf = async (cipher: SurveysPersonalDataPorts['cipher'], stored: StoredInvitation): Promise<ExportedInvitation> => {
  const { invitation } = stored;
  const answers = await storedAnswers(cipher, stored);
  return {
    surveyId: invitation.id,
    kind: invitation.kind,
    campaignId: invitation.campaignId,
    invitedAt: invitation.invitedAt,
    expiresAt: invitation.expiresAt,
    ...(invitation.complaintId && { complaintId: invitation.complaintId }),
    status: invitation.status,
    ...(invitation.respondedAt && { respondedAt: invitation.respondedAt }),
    ...(invitation.revisedAt && { revisedAt: invitation.revisedAt }),
    ...(invitation.remindedAt && { remindedAt: invitation.remindedAt }),
    ...(answers && { answers }),
    ...(invitation.textsRemovedAt && { textsRemovedAt: invitation.textsRemovedAt }),
  };
};

/** Deletes each of the person's invitations, reading again the one an answer moved meanwhile; the number deleted. */
const deleteInvitationsOf = async (store: SurveyPersonalDataStore, userId: string): Promise<number> => {
  let deleted = 0;
  await retryOnConflict(isVersionConflict, async () => {
    for (const { invitation } of await store.invitationsOf(userId)) {
      await store.deleteInvitation(invitation);
      deleted += 1;
    }
  });
  return deleted;
};

export const createSurveysPersonalDataHolder = ({ store, cipher }: SurveysPersonalDataPorts): PersonalDataHolder => ({
  section: surveysManifest.name,

  async exportOf(subject): Promise<SurveysExport> {
    if (subject.kind !== 'account') return { invitations: [], seen: [] };
    const [invitations, seen] = await Promise.all([store.invitationsOf(subject.id), store.seenBy(subject.id)]);
    return { invitations: await Promise.all(invitations.map((stored) => exportedInvitationOf(cipher, stored))), seen };
  },

  holdsOf: async () => [],

  /**
   * Deletes the person's invitations with their answers and comment copies, and the records that
   * they were seen during monthly campaigns: all of it is about them, none of it is a figure.
   */
  async erase(subject) {
    if (subject.kind !== 'account') return { erased: 0, held: [] };
    const deleted = await deleteInvitationsOf(store, subject.id);
    const seen = await store.seenBy(subject.id);
    await store.deleteSeen(
      subject.id,
      seen.map((record) => record.campaignId),
    );
    return { erased: deleted + seen.length, held: [] };
  },

  async expireDue(day, now) {
    let expired = 0;
    for (const invitation of await store.textsDue(day)) {
      try {
        await store.removeTexts(invitation, now);
        expired += 1;
      } catch (error) {
        // Answered again since the index was read, which the closed edit window rules out this long
        // after the answer: left for a later run rather than removing text it did not read.
        if (!isVersionConflict(error)) throw error;
      }
    }
    return expired;
  },
});
