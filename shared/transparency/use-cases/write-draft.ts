import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import { newId } from '#shared/ids.ts';
import { editDraft, newDraft, type PolicyContent, type PolicyDraft } from '#shared/transparency/domain/privacy-policy.ts';
import { requireComms, type TransparencyApiPorts } from '#shared/transparency/use-cases/ports.ts';

/** Comms start a new version of the policy as a draft: its texts, effective date and summary of changes. */
export const createDraft = async (ports: Pick<TransparencyApiPorts, 'store' | 'clock'>, caller: Caller, content: PolicyContent): Promise<PolicyDraft> => {
  requireComms(caller);
  const now = ports.clock.now();
  const draft = newDraft(newId('ppd', now), content, caller.sub, now);
  await ports.store.createDraft(draft);
  return draft;
};

/**
 * Comms replace a draft's content, naming the revision they read: a draft saved by someone else
 * since (409 `revision-conflict`) or already published (409 `already-published`) is left as it is.
 */
export const reviseDraft = async (
  ports: Pick<TransparencyApiPorts, 'store' | 'clock'>,
  caller: Caller,
  id: string,
  change: PolicyContent & { revision: number },
): Promise<PolicyDraft> => {
  requireComms(caller);
  const draft = await ports.store.getDraft(id, { consistent: true });
  if (!draft) throw problems.notFound('No such draft.');
  const { revision, ...content } = change;
  const edited = editDraft(draft, content, revision, caller.sub, ports.clock.now());
  // A ConditionFailedError here (saved or published in between) is answered as a revision conflict.
  await ports.store.saveDraft(edited, draft.revision);
  return edited;
};
