import type { Caller } from '#shared/auth/caller.ts';
import { NotFoundError } from '#shared/errors.ts';
import { isRestriction } from '#shared/moderation/domain/index.ts';
import { fileAppealAs, type Appellant } from '#shared/moderation/use-cases/file-appeal-as.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * DSA Art. 20: a person appeals a decision, as the account a restriction affects, or as a
 * reporter of the case against a decision not to act. Anyone else, and a case not decided, get 404.
 */
export const fileAppeal = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'outbox' | 'clock'>,
  caller: Caller,
  input: { caseId: string; explanation: string },
) =>
  fileAppealAs(
    ports,
    async (): Promise<Appellant> => {
      const c = await ports.store.cases.get(input.caseId);
      if (!c?.decision) throw new NotFoundError(`No decision on ${input.caseId} for you to appeal`);
      if (c.decision.affectedAccountId === caller.sub && isRestriction(c.decision.action)) return { caseState: c, appellantId: caller.sub, kind: 'affected' };
      if ((await ports.store.cases.notices(c.id)).some((n) => n.accountId === caller.sub)) return { caseState: c, appellantId: caller.sub, kind: 'reporter' };
      throw new NotFoundError(`No decision on ${input.caseId} for you to appeal`);
    },
    input.explanation,
  );
