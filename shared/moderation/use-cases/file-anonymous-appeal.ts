import { anonymousAppellantOf, ModerationConflictError } from '#shared/moderation/domain/index.ts';
import { anonymousNotice } from '#shared/moderation/use-cases/anonymous-notice.ts';
import { fileAppealAs, type Appellant } from '#shared/moderation/use-cases/file-appeal-as.ts';
import type { ModerationPorts } from '#shared/moderation/use-cases/ports.ts';

/**
 * DSA Art. 20: the notifier without an account appeals the decision on their notice, by its
 * follow-up token, as a reporter, on a registered reporter's terms. The appellant is the notice:
 * one appeal per notice and decision, whoever else gave the same contact email.
 */
export const fileAnonymousAppeal = async (
  ports: Pick<ModerationPorts, 'store' | 'cipher' | 'pseudonyms' | 'outbox' | 'clock'>,
  input: { noticeId: string; explanation: string },
  token: string | undefined,
  sourceAddress: string,
) => {
  const stored = await anonymousNotice(ports, input.noticeId, token, sourceAddress);
  const caseId = stored.state.caseId;
  return fileAppealAs(
    ports,
    async (): Promise<Appellant> => {
      const c = caseId ? await ports.store.cases.get(caseId) : undefined;
      if (!c?.decision) throw new ModerationConflictError('not-decided', 'The notice is not decided yet: there is nothing to appeal.');
      return { caseState: c, appellantId: anonymousAppellantOf(input.noticeId), kind: 'reporter' };
    },
    input.explanation,
  );
};
