import { builtInDefinitions, type SurveyDefinition, type SurveyKind } from '#shared/surveys/domain/definitions.ts';
import type { Invitation } from '#shared/surveys/domain/invitations.ts';
import type { DefinitionStore } from '#shared/surveys/use-cases/ports.ts';

/**
 * The survey definitions as the use cases read them: the version in force is the newest stored or
 * the built-in version 1. Definitions are immutable once written, so each version is read once per
 * container.
 */
export const definitionsInForce = (store: Pick<DefinitionStore, 'latest' | 'version'>) => {
  const versions = new Map<string, SurveyDefinition>();

  const get = async (kind: SurveyKind, version: number): Promise<SurveyDefinition | undefined> => {
    const key = `${kind}#${version}`;
    const cached = versions.get(key);
    if (cached) return cached;
    const found = (await store.version(kind, version)) ?? (version === 1 ? builtInDefinitions[kind] : undefined);
    if (found) versions.set(key, found);
    return found;
  };

  return {
    /** The version in force: the newest stored, or the built-in version 1. */
    current: async (kind: SurveyKind): Promise<SurveyDefinition> => (await store.latest(kind)) ?? builtInDefinitions[kind],
    get,
    /** The version an invitation asks (its campaign pinned it). */
    async of(invitation: Pick<Invitation, 'kind' | 'definitionVersion'>): Promise<SurveyDefinition> {
      const definition = await get(invitation.kind, invitation.definitionVersion);
      if (!definition) throw new Error(`Definition ${invitation.kind} v${invitation.definitionVersion} is missing`);
      return definition;
    },
  };
};

export type DefinitionsInForce = ReturnType<typeof definitionsInForce>;
