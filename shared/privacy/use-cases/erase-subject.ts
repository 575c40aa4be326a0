import type { HeldItem } from '#shared/personal-data/holder.ts';
import { heldItemOf, isActive } from '#shared/privacy/domain/legal-hold.ts';
import { archiveDeleted, erasureRan, type PrivacyRequest } from '#shared/privacy/domain/request.ts';
import type { WorkerPorts } from '#shared/privacy/use-cases/ports.ts';

/** Deletes the subject's export archives still downloadable: a copy of what is being erased. */
const deleteArchivesOf = async (ports: WorkerPorts, request: PrivacyRequest, now: Date): Promise<void> => {
  const own = await ports.store.bySubject(request.subject, { limit: 100 });
  for (const exported of own.items.filter((r) => r.kind === 'export' && r.status === 'ready')) {
    await ports.store.deleteArchive(exported.id, exported.archive?.parts ?? 0);
    await ports.store.save(archiveDeleted(exported, now), exported);
  }
};

/**
 * Erases a subject whose cooling-off has ended. Their export archives are deleted first (a copy of
 * what is erased). An active legal hold placed by privacy staff keeps everything else (nothing is
 * erased, the person is told why); otherwise every context erases what it holds about the subject
 * except what it must keep, and says what and why. The request records the outcome; while
 * anything is held it runs again when the first hold ends (each context's erasure is idempotent).
 * If a context fails, the request is left due and the job tries again.
 */
export const eraseSubject = async (ports: WorkerPorts, request: PrivacyRequest): Promise<PrivacyRequest> => {
  const now = ports.clock.now();
  await deleteArchivesOf(ports, request, now);
  const holds = (await ports.store.holdsOf(request.subject)).filter((hold) => isActive(hold, now));
  const held: HeldItem[] = holds.map(heldItemOf);
  if (holds.length === 0) {
    for (const holder of ports.holders) held.push(...(await holder.erase(request.subject, now)).held);
  }
  return ports.store.save(erasureRan(request, { held }, now), request);
};
