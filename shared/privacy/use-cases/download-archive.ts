import type { DataSubject } from '#shared/personal-data/holder.ts';
import { assertDownloadable, downloaded } from '#shared/privacy/domain/request.ts';
import { SEALED_ARCHIVE_PART, type ApiPorts } from '#shared/privacy/use-cases/ports.ts';
import { ownRequest } from '#shared/privacy/use-cases/requests.ts';

/**
 * The person downloads their archive: only their own, only while it is ready and not expired. The
 * parts are opened with the data key and joined into the JSON document; the download is recorded
 * on the request (its delivery). Returns the document's text as it was assembled.
 */
export const downloadArchive = async (ports: ApiPorts, subject: DataSubject, id: string): Promise<string> => {
  const request = await ownRequest(ports, subject, 'export', id);
  const now = ports.clock.now();
  assertDownloadable(request, now);
  // In part order: the parts' sort keys are zero-padded.
  const parts = await ports.store.readArchive(id);
  const texts = await Promise.all(parts.map(async ({ part, sealed }) => (await ports.cipher.open<{ text: string }>(SEALED_ARCHIVE_PART, `${id}#${part}`, sealed)).text));
  await ports.store.save(downloaded(request, now), request);
  return texts.join('');
};
