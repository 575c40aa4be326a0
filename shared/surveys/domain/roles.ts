import type { Role } from '#shared/manifest/platform.ts';

/** Who may write survey definitions, and which staff may read definitions, results and comments. */
export const definitionEditorRoles = ['admin', 'comms'] as const satisfies readonly Role[];
export const surveyStaffRoles = ['agent', 'admin', 'comms'] as const satisfies readonly Role[];
