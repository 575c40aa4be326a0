import { NotFoundError } from '#shared/errors.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * Platform services: what they need to enforce a measure on an account, the measure, the account,
 * its duration and whether it still stands (a reversal lifts it; a partial reversal replaces it by
 * the statement named). Domain events name no account; the platform reads it here.
 */
export const getEnforcement = async ({ store }: Pick<ModerationPorts, 'store'>, puid: string) => {
  const s = await store.statements.get(puid);
  if (!s) throw new NotFoundError(`No statement ${puid}`);
  const decision = (await store.cases.get(s.caseId))?.decision;
  const replacedBy = decision?.replacedBy?.statementId === puid ? undefined : decision?.replacedBy;
  return {
    puid: s.puid,
    caseId: s.caseId,
    action: s.action,
    ...(s.affectedAccountId && { affectedAccountId: s.affectedAccountId }),
    ...(s.durationDays !== undefined && { durationDays: s.durationDays }),
    ...(s.endsAt && { endsAt: s.endsAt }),
    createdAt: s.createdAt,
    status: decision?.reversedAt ? ('reversed' as const) : replacedBy ? ('replaced' as const) : ('in_force' as const),
    ...(decision?.reversedAt && { reversedAt: decision.reversedAt }),
    ...(replacedBy && { replacedBy: replacedBy.statementId }),
  };
};
