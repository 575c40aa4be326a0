import { createHash } from 'node:crypto';
import type { ContentType } from '#shared/moderation/domain/taxonomy.ts';

/** What a revision of submitted content shows: its type, text, URLs and media references. */
export interface ShownContent {
  contentType: ContentType;
  text?: string | undefined;
  urls: readonly string[];
  mediaHashes: readonly string[];
}

/**
 * The SHA-256 digest (hex) of a canonical form of what a revision shows. Two submissions that
 * show the same thing give the same digest whatever the byte form of their text (Unicode NFC)
 * or the case of their media hashes; any edit of the text, a URL, a media reference or their
 * order gives another. Screening is keyed by content id and this digest, so an edit is screened
 * again and a repeat of one revision is not.
 */
export const revisionDigest = (content: ShownContent): string => {
  const canonical = JSON.stringify({
    contentType: content.contentType,
    text: content.text === undefined ? null : content.text.normalize('NFC'),
    urls: content.urls.map((u) => u.trim()),
    mediaHashes: content.mediaHashes.map((h) => h.trim().toLowerCase()),
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
};
