import type { Localized } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * The Markdown renderer, set up on first use: only comms' routes (a draft's preview, a publication)
 * render; the public reads serve the HTML stored at publication. The bundle still holds markdown-it,
 * but a cold start for a public read does not build it.
 */
export const renderPolicyTexts = async (text: Localized): Promise<Localized> =>
  (await import('#shared/transparency/domain/markdown.ts')).renderPolicyTexts(text);
