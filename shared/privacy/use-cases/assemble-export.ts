import type { PrivacyRequest } from '#shared/privacy/domain/request.ts';
import { archiveReady } from '#shared/privacy/domain/request.ts';
import { ownRequestView } from '#shared/privacy/use-cases/request-views.ts';
import { SEALED_ARCHIVE_PART, type WorkerPorts } from '#shared/privacy/use-cases/ports.ts';
import { ttlSecondsOf } from '#shared/personal-data/retention.ts';

/** The archive's format name and version: a client reads `sections` by the version's schema. */
const ARCHIVE_FORMAT = 'user-protection.data-export';
const ARCHIVE_VERSION = 1;

/** Plaintext bytes per sealed part: well under DynamoDB's 400 KB item limit with the envelope's header. */
const ARCHIVE_PART_BYTES = 256 * 1024;

/** The archive as the person downloads it: one section per context, each in its documented shape. */
interface Archive {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  requestId: string;
  generatedAt: string;
  subject: PrivacyRequest['subject'];
  sections: Record<string, unknown>;
}

/** Splits text into parts of at most `bytes` UTF-8 bytes, never inside a character. */
export const splitUtf8 = (text: string, bytes: number): Uint8Array[] => {
  const all = Buffer.from(text, 'utf8');
  const parts: Uint8Array[] = [];
  for (let start = 0; start < all.byteLength; ) {
    let end = Math.min(start + bytes, all.byteLength);
    // A continuation byte (10xxxxxx) would split a character: step back to its first byte.
    while (end < all.byteLength && (all[end]! & 0xc0) === 0x80) end--;
    parts.push(all.subarray(start, end));
    start = end;
  }
  return parts.length > 0 ? parts : [new Uint8Array()];
};

/**
 * Assembles a pending export: asks every context for its section (decrypted, the person's own data
 * only), adds the person's own privacy requests, seals the JSON in parts with the data key, stores
 * them to expire with the archive, and marks the request ready. If any context fails, nothing is
 * marked: the job tries again at its next run.
 */
export const assembleExport = async (ports: WorkerPorts, request: PrivacyRequest): Promise<PrivacyRequest> => {
  const now = ports.clock.now();
  const sections: Record<string, unknown> = {};
  for (const holder of ports.holders) sections[holder.section] = await holder.exportOf(request.subject);
  const own = await ports.store.bySubject(request.subject, { limit: 100 });
  sections.privacy = { requests: own.items.map(ownRequestView) };
  const archive: Archive = { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, requestId: request.id, generatedAt: now.toISOString(), subject: request.subject, sections };
  const text = JSON.stringify(archive);
  const parts = splitUtf8(text, ARCHIVE_PART_BYTES);
  const sealed = await Promise.all(parts.map((part, n) => ports.cipher.seal(SEALED_ARCHIVE_PART, `${request.id}#${n}`, { text: Buffer.from(part).toString('utf8') })));
  const ready = archiveReady(request, { bytes: Buffer.byteLength(text, 'utf8'), parts: parts.length }, now);
  await ports.store.putArchive(request.id, sealed, ttlSecondsOf(new Date(ready.expiresAt!)));
  return ports.store.save(ready, request);
};
