import type { Caller } from '#shared/auth/caller.ts';
import type { Clock } from '#shared/clock.ts';
import { VersionConflictError } from '#shared/errors.ts';
import { retryOnConflict } from '#shared/retry-on-conflict.ts';
import { checkDefinition, type Question, type SurveyDefinition, type SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { definitionEditorRoles } from '#shared/surveys/domain/roles.ts';
import type { DefinitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';
import type { DefinitionStore } from '#shared/surveys/use-cases/ports.ts';
import { requireRole } from '#shared/surveys/use-cases/require-role.ts';
import { definitionView, type DefinitionView } from '#shared/surveys/use-cases/survey-views.ts';

interface NewDefinition {
  kind: SurveyKind;
  title: string;
  questions: Array<Omit<Question, 'required'> & { required?: boolean }>;
}

const isVersionConflict = (error: unknown) => error instanceof VersionConflictError;

/**
 * Creates the next version of a survey (POST /v1/survey-definitions; admins and comms): the
 * questions are checked against the definition rules, and the version after the one in force is
 * stored; when another version was created meanwhile, it is numbered after that one. Campaigns
 * opened from now on ask it.
 */
export const createDefinition =
  (deps: { definitions: Pick<DefinitionsInForce, 'current'>; store: Pick<DefinitionStore, 'create'>; clock: Clock }) =>
  async (caller: Pick<Caller, 'sub' | 'roles'>, input: NewDefinition): Promise<DefinitionView> => {
    requireRole(caller, definitionEditorRoles, 'Creating a survey version');
    const questions = input.questions.map((q) => ({ ...q, required: q.required ?? false }));
    checkDefinition(questions);
    return retryOnConflict(isVersionConflict, async () => {
      const latest = await deps.definitions.current(input.kind);
      const definition: SurveyDefinition = {
        kind: input.kind,
        version: latest.version + 1,
        title: input.title,
        questions,
        createdAt: deps.clock.now().toISOString(),
        createdBy: caller.sub,
      };
      await deps.store.create(definition);
      return definitionView(definition, true);
    });
  };
