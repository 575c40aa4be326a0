import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import type { PersonalDataCipher } from '#shared/crypto/personal-data.ts';
import type { Pseudonymizer } from '#shared/crypto/pseudonym.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { FiguresStore } from '#shared/figures/store.ts';
import type { Campaigns } from '#shared/surveys/campaigns.ts';
import {
  checkAnswers,
  checkDefinition,
  splitAnswers,
  type Answers,
  type SurveyDefinition,
  type SurveyKind,
} from '#shared/surveys/definitions.ts';
import {
  addMonths,
  campaignId,
  decideResponse,
  definitionEditorRoles,
  editableUntilOf,
  isAccepting,
  monthOf,
  monthsBetween,
  newInvitation,
  requirePerson,
  requireRole,
  samplingCounters,
  sealedIdOf,
  surveyStaffRoles,
  type Campaign,
  type Invitation,
} from '#shared/surveys/domain.ts';
import type { SurveyPolicy } from '#shared/surveys/policy.ts';
import {
  commentPageKeySchema,
  SurveyVersionConflictError,
  type StoredInvitation,
  type SurveyRepository,
} from '#shared/surveys/repository.ts';
import { encodeCursor, resumeAfter } from '#shared/pagination.ts';
import { monthResults, trend } from '#shared/surveys/results.ts';
import { isSampled, samplingDraw } from '#shared/surveys/sampling.ts';
import type {
  CreateDefinitionRequest,
  SurveyDefinitionView,
  SurveyInvitationView,
} from '#shared/surveys/schemas.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';

/** The entity name under which free-text answers are sealed (the encryption context). */
const RESPONSE_ENTITY = 'survey-response';
const isVersionConflict = (error: unknown) => error instanceof SurveyVersionConflictError;

/** The survey use cases: the handler parses and maps, the domain decides, the adapters store. */
export const createSurveyService = (deps: {
  repository: SurveyRepository;
  campaigns: Campaigns;
  figures: FiguresStore;
  cipher: PersonalDataCipher;
  pseudonyms: Pseudonymizer;
  clock: Clock;
  policy: SurveyPolicy;
}) => {
  const { repository, campaigns, figures, cipher, pseudonyms, clock, policy } = deps;
  const { definitions } = campaigns;


  const definitionView = (definition: SurveyDefinition, staff: boolean): SurveyDefinitionView => ({
    kind: definition.kind,
    version: definition.version,
    title: definition.title,
    questions: definition.questions.map((q) => ({ ...q })),
    createdAt: definition.createdAt,
    ...(staff && { createdBy: definition.createdBy }),
  });

  const definitionFor = async (invitation: Invitation): Promise<SurveyDefinition> => {
    const definition = await definitions.get(invitation.kind, invitation.definitionVersion);
    if (!definition) throw new Error(`Definition ${invitation.kind} v${invitation.definitionVersion} is missing`);
    return definition;
  };

  /** The stored answers, free text decrypted. */
  const answersOf = async (stored: StoredInvitation): Promise<Answers | undefined> => {
    if (stored.invitation.status !== 'responded') return undefined;
    const texts = stored.sealedTexts
      ? await cipher.open<Record<string, string>>(RESPONSE_ENTITY, sealedIdOf(stored.invitation), stored.sealedTexts)
      : {};
    return { ...stored.invitation.scored, ...texts };
  };

  const invitationView = (invitation: Invitation, definition: SurveyDefinition, answers?: Answers): SurveyInvitationView => {
    const editableUntil = editableUntilOf(invitation, policy);
    return {
      id: invitation.id,
      kind: invitation.kind,
      campaignId: invitation.campaignId,
      status: invitation.status,
      invitedAt: invitation.invitedAt,
      expiresAt: invitation.expiresAt,
      ...(invitation.complaintId && { complaintId: invitation.complaintId }),
      ...(invitation.respondedAt && { respondedAt: invitation.respondedAt }),
      ...(editableUntil && { editableUntil: editableUntil.toISOString() }),
      ...(answers && { answers }),
      definition: definitionView(definition, false),
    };
  };

  /**
   * The monthly campaign accepting answers now. Every GET /v1/surveys/current asks, so the one
   * found open is kept: a campaign only closes once its `closesAt` is past, and nothing else of
   * it changes, so the copy stays right until then.
   */
  let openMonthly: Campaign | undefined;
  const acceptingMonthly = async (now: Date): Promise<Campaign | undefined> => {
    const id = campaignId('monthly', monthOf(now));
    if (openMonthly?.id === id && isAccepting(openMonthly, now)) return openMonthly;
    const campaign = await repository.campaign(id);
    if (!campaign || !isAccepting(campaign, now)) return undefined;
    openMonthly = campaign;
    return campaign;
  };

  /**
   * The first time a user is seen while the month's campaign runs, the keyed draw decides once
   * and for all whether they are in its sample; being seen again changes nothing.
   */
  const sampleOnSight = async (userId: string, now: Date) => {
    const campaign = await acceptingMonthly(now);
    if (!campaign) return;
    if (await repository.seen(userId, campaign.id)) return;
    const sampled = isSampled(await samplingDraw(pseudonyms, campaign.id, userId), campaign.samplingRate);
    const invitation = sampled ? newInvitation(campaign, userId, now, policy) : undefined;
    // False when a concurrent request of the same user recorded it first: the same draw, so the same outcome.
    await repository.recordSeen(userId, campaign, now, invitation, samplingCounters('monthly', sampled, true));
  };

  return {
    async currentSurveys(caller: Caller) {
      requirePerson(caller);
      const now = clock.now();
      await sampleOnSight(caller.sub, now);
      // Every invitation expires within a month of its campaign's month: two months cover them all.
      const stored = (await repository.invitationsSince(caller.sub, addMonths(monthOf(now), -2))).filter(
        ({ invitation }) => now < new Date(invitation.expiresAt),
      );
      const surveys = await Promise.all(
        stored.map(async (s) => invitationView(s.invitation, await definitionFor(s.invitation), await answersOf(s))),
      );
      return { open: surveys.some((s) => s.status === 'invited'), surveys };
    },

    /**
     * Answers an invitation. Read, decide, write conditionally on the revision read; when another
     * answer landed in between, read again and decide again, so concurrent identical answers
     * store one response and the others see it as theirs.
     */
    async respond(caller: Caller, invitationId: string, answers: Answers) {
      requirePerson(caller);
      return retryOnConflict(isVersionConflict, async () => {
        const stored = await repository.invitation(caller.sub, invitationId);
        if (!stored) throw new NotFoundError(`You have no survey ${invitationId}`);
        const { invitation } = stored;
        const [campaign, definition] = await Promise.all([repository.campaign(invitation.campaignId), definitionFor(invitation)]);
        if (!campaign) throw new Error(`Campaign ${invitation.campaignId} is missing`);
        const normalised = checkAnswers(definition, answers);
        const previous = await answersOf(stored);
        const now = clock.now();
        const decision = decideResponse({ invitation, campaign, definition, answers: normalised, ...(previous && { previous }), now, policy });
        if (decision.outcome === 'unchanged') return { outcome: decision.outcome, survey: invitationView(invitation, definition, previous) };
        const { scored, texts } = splitAnswers(definition, normalised);
        const next: Invitation = {
          ...invitation,
          status: 'responded',
          revision: invitation.revision + 1,
          respondedAt: invitation.respondedAt ?? now.toISOString(),
          ...(decision.outcome === 'revised' && { revisedAt: now.toISOString() }),
          scored,
        };
        const sealed = Object.keys(texts).length > 0 ? await cipher.seal(RESPONSE_ENTITY, sealedIdOf(next), texts) : undefined;
        await repository.saveResponse(next, sealed, decision.counters, invitation.revision);
        return { outcome: decision.outcome, survey: invitationView(next, definition, normalised) };
      });
    },

    async createDefinition(caller: Caller, input: CreateDefinitionRequest): Promise<SurveyDefinitionView> {
      requireRole(caller, definitionEditorRoles, 'Creating a survey version');
      const questions = input.questions.map((q) => ({ ...q, required: q.required ?? false }));
      checkDefinition(questions);
      return retryOnConflict(isVersionConflict, async () => {
        const latest = await definitions.current(input.kind);
        const definition: SurveyDefinition = {
          kind: input.kind,
          version: latest.version + 1,
          title: input.title,
          questions,
          createdAt: clock.now().toISOString(),
          createdBy: caller.sub,
        };
        await repository.putDefinition(definition);
        return definitionView(definition, true);
      });
    },

    async getDefinition(caller: Caller, kind: SurveyKind, version?: number): Promise<SurveyDefinitionView> {
      requireRole(caller, surveyStaffRoles, 'Reading survey definitions');
      const definition = version === undefined ? await definitions.current(kind) : await definitions.get(kind, version);
      if (!definition) throw new NotFoundError(`No version ${version} of the ${kind} survey`);
      return definitionView(definition, true);
    },

    async results(caller: Caller, query: { kind: SurveyKind; from: string; to: string }) {
      requireRole(caller, surveyStaffRoles, 'Survey results');
      const months = monthsBetween(query.from, query.to);
      const [periods, found] = await Promise.all([
        figures.range('month', query.from, query.to),
        repository.campaigns(months.map((m) => campaignId(query.kind, m))),
      ]);
      const countersOf = new Map(periods.map((p) => [p.period, p.counters]));
      const campaignOf = new Map(found.map((c) => [c.month, c]));
      const results = months.map((m) => monthResults(query.kind, m, countersOf.get(m) ?? {}, campaignOf.get(m), policy.target));
      return { kind: query.kind, from: query.from, to: query.to, months: results, trend: trend(results) };
    },

    /**
     * A campaign's free-text answers, for the staff who act on the feedback: decrypted, without
     * who wrote them. Each read is recorded (who, when, why) before anything is decrypted.
     */
    async comments(caller: Caller, id: string, query: { limit?: number; cursor?: string }, reason?: string) {
      requireRole(caller, surveyStaffRoles, 'Reading survey comments');
      const after = resumeAfter(query.cursor, commentPageKeySchema, (key) => key.pk === `CAMPAIGN#${id}`);
      const campaign = await repository.campaign(id);
      if (!campaign) throw new NotFoundError(`No survey campaign ${id}`);
      await repository.recordCommentAccess({
        campaignId: id,
        actorId: caller.sub,
        actorRoles: caller.roles,
        ...(reason && { reason }),
        at: clock.now().toISOString(),
      });
      const { items, lastKey } = await repository.comments(id, { limit: query.limit ?? 50, ...(after && { after }) });
      const comments = await Promise.all(
        items.map(async (item) => ({
          respondedAt: item.respondedAt,
          definitionVersion: item.definitionVersion,
          ...(item.channel && { channel: item.channel }),
          ...(item.category && { category: item.category }),
          answers: await cipher.open<Record<string, string>>(RESPONSE_ENTITY, item.sealedFor, item.sealedTexts),
        })),
      );
      return { campaignId: id, items: comments, nextCursor: encodeCursor(lastKey) };
    },
  };
};

export type SurveyService = ReturnType<typeof createSurveyService>;
