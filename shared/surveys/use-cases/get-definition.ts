import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { SurveyKind } from '#shared/surveys/domain/definitions.ts';
import { surveyStaffRoles } from '#shared/surveys/domain/roles.ts';
import type { DefinitionsInForce } from '#shared/surveys/use-cases/definitions-in-force.ts';
import { requireRole } from '#shared/surveys/use-cases/require-role.ts';
import { definitionView, type DefinitionView } from '#shared/surveys/use-cases/survey-views.ts';

/**
 * A survey definition for staff (GET /v1/survey-definitions/{kind}): the version in force, or the
 * version asked for (404 when there is none), with its author.
 */
export const getDefinition =
  (deps: { definitions: Pick<DefinitionsInForce, 'current' | 'get'> }) =>
  async (caller: Pick<Caller, 'roles'>, kind: SurveyKind, version?: number): Promise<DefinitionView> => {
    requireRole(caller, surveyStaffRoles, 'Reading survey definitions');
    const definition = version === undefined ? await deps.definitions.current(kind) : await deps.definitions.get(kind, version);
    if (!definition) throw new NotFoundError(`No version ${version} of the ${kind} survey`);
    return definitionView(definition, true);
  };
