import type { Caller } from '#shared/auth/caller.ts';
import { problems } from '#shared/http/problem.ts';
import type { PolicyDraft } from '#shared/transparency/domain/privacy-policy.ts';
import { requireComms, type TransparencyApiPorts } from '#shared/transparency/use-cases/ports.ts';
import { renderPolicyTexts } from '#shared/transparency/use-cases/renderer.ts';

/** How many of the newest drafts a listing shows. */
const DRAFTS_LISTED = 50;

/** A draft as comms see it: its content and state, without who saved it. */
const draftView = ({ createdBy: _c, updatedBy: _u, ...draft }: PolicyDraft) => draft;

/** Comms' drafts, newest first (published ones say what they became). */
export const listDrafts = async (ports: Pick<TransparencyApiPorts, 'store'>, caller: Caller) => {
  requireComms(caller);
  return { items: (await ports.store.latestDrafts(DRAFTS_LISTED)).map(draftView) };
};

/** One draft, with its preview. */
export const getDraft = async (ports: Pick<TransparencyApiPorts, 'store'>, caller: Caller, id: string) => {
  requireComms(caller);
  const draft = await ports.store.getDraft(id);
  if (!draft) throw problems.notFound('No such draft.');
  return draftDetail(draft);
};

/** A draft with its texts rendered as they would be published (the sanitised HTML, per language). */
export const draftDetail = async (draft: PolicyDraft) => ({ ...draftView(draft), preview: await renderPolicyTexts(draft.text) });
