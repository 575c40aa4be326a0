import { moderationPolicy, type StatementOfReasons } from '#shared/moderation/domain/index.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/** What the affected user and staff see of a statement: its elements, without the account, and where its appeal stands. */
export const statementView = async ({ store }: Pick<ModerationPorts, 'store'>, s: StatementOfReasons) => {
  const c = await store.cases.get(s.caseId);
  const appealId = c?.appealIds.at(-1);
  const appeal = appealId ? (await store.appeals.get(appealId))?.state : undefined;
  const { affectedAccountId: _affected, accountType: _type, territorialScope: _scope, contentLanguage: _lang, ...shown } = s;
  return {
    ...shown,
    appeal: {
      status: appeal ? appeal.status : ('none' as const),
      ...(appeal?.outcome && { outcome: appeal.outcome }),
      appealableUntil: new Date(Date.parse(c?.decision?.at ?? s.createdAt) + moderationPolicy.appealWindowMs).toISOString(),
    },
  };
};
