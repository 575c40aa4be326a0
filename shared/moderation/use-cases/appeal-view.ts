import type { AppealState } from '#shared/moderation/domain/index.ts';
import type { Stored } from '#shared/moderation/store/items.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';
import { ERASED } from '#shared/moderation/domain/personal-data.ts';
import { openUnlessErased, sealedAs, type AppealPersonalData } from '#shared/moderation/use-cases/personal-data.ts';

/** An appeal with the appellant's explanation and, once decided, the reasoned reply; opened with the data key unless known already. */
export const appealView = async (
  { cipher }: Pick<ModerationPorts, 'cipher'>,
  stored: { state: AppealState; personalData?: Stored<AppealState>['personalData'] },
  known?: AppealPersonalData,
) => {
  const personal = known ??
    (await openUnlessErased<AppealPersonalData & Record<string, unknown>>(cipher, sealedAs.appeal, stored.state.id, stored.personalData)) ?? { explanation: ERASED };
  const a = stored.state;
  return {
    id: a.id,
    caseId: a.caseId,
    appellant: a.appellantKind,
    appealedAction: a.appealedAction,
    ...(a.statementId && { statementId: a.statementId }),
    filedAt: a.filedAt,
    status: a.status,
    ...(a.outcome && { outcome: a.outcome }),
    ...(a.decidedAt && { decidedAt: a.decidedAt }),
    ...(a.newStatementId && { newStatementId: a.newStatementId }),
    explanation: personal.explanation,
    ...(personal.decisionExplanation && { decisionExplanation: personal.decisionExplanation }),
  };
};
