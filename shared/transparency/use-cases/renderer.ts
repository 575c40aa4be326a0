import type { Localized } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * The Markdown renderer and sanitiser, loaded on first use: only comms' routes (a draft's preview,
 * a publication) render; the public reads serve the HTML stored at publication, so the function's
 * cold start does not load markdown-it and sanitize-html for them.
 */
export const renderPolicyTexts = async (text: Localized): Promise<Localized> =>
  (await import('#shared/transparency/domain/markdown.ts')).renderPolicyTexts(text);
