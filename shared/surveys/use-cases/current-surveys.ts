import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import { addMonths, monthOf } from '#shared/surveys/domain/months.ts';
import type { DefinitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';
import type { InvitationStore } from '#shared/surveys/use-cases/ports.ts';
import { sampleOnSight, type SampleOnSightDeps } from '#shared/surveys/use-cases/sample-on-sight.ts';
import { invitationView, storedAnswers, type InvitationView } from '#shared/surveys/use-cases/survey-views.ts';

interface CurrentSurveysDeps extends SampleOnSightDeps {
  invitations: Pick<InvitationStore, 'seen' | 'recordSeen' | 'since'>;
  definitions: Pick<DefinitionsInForce, 'of'>;
  cipher: Pick<PersonalDataCipher, 'open'>;
  clock: Clock;
}

/**
 * The caller's surveys (GET /v1/surveys/current): the caller is sampled for this month's survey
 * on first sight, then every invitation of theirs that has not expired is listed with its
 * definition and their own answers, and `open` says whether one awaits an answer.
 */
export const currentSurveys = (deps: CurrentSurveysDeps) => {
  const sample = sampleOnSight(deps);
  return async (caller: Pick<Caller, 'sub'>): Promise<{ open: boolean; surveys: InvitationView[] }> => {
    const now = deps.clock.now();
    await sample(caller.sub, now);
    // Every invitation expires within a month of its campaign's month: two months cover them all.
    const stored = (await deps.invitations.since(caller.sub, addMonths(monthOf(now), -2))).filter(
      ({ invitation }) => now < new Date(invitation.expiresAt),
    );
    const surveys = await Promise.all(
      stored.map(async (s) =>
        invitationView(s.invitation, await deps.definitions.of(s.invitation), deps.policy, await storedAnswers(deps.cipher, s)),
      ),
    );
    return { open: surveys.some((s) => s.status === 'invited'), surveys };
  };
};
