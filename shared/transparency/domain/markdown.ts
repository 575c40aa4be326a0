import MarkdownIt, { type Token } from 'markdown-it';
import { type Localized, policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * The policy's Markdown as HTML for a public page. markdown-it renders CommonMark with raw HTML
 * turned off, which its authors document as safe without a sanitiser: any `<tag>` in the text is
 * shown as text, every text and attribute is escaped, and `javascript:`-like links are refused.
 * Two walls are added on the tokens, before anything is written as HTML:
 * - links keep only `https:`, `http:` and `mailto:` URLs or paths on the same site (no `//host`);
 * - only the elements and attributes a policy needs are rendered: a token of any other kind (an
 *   image, say, or whatever a future option or plugin adds) is shown as its text, and any other
 *   attribute (a code block's language class, say) is dropped.
 */
const markdown = new MarkdownIt({ html: false, xhtmlOut: true, linkify: true, typographer: false });

const allowedSchemes = /^(?:https?|mailto):/i;
const anyScheme = /^[a-z][a-z0-9+.-]*:/i;
markdown.validateLink = (url) => {
  const link = url.trim();
  return allowedSchemes.test(link) || (!anyScheme.test(link) && !link.startsWith('//') && !link.startsWith('\\'));
};

const blockTokens = [
  'paragraph', 'heading', 'blockquote', 'bullet_list', 'ordered_list', 'list_item',
  'table', 'thead', 'tbody', 'tr', 'th', 'td',
].flatMap((name) => [`${name}_open`, `${name}_close`]);
const inlineTokens = ['strong', 'em', 's', 'link'].flatMap((name) => [`${name}_open`, `${name}_close`]);
const allowedTokens = new Set([
  ...blockTokens, ...inlineTokens,
  'inline', 'text', 'softbreak', 'hardbreak', 'hr', 'code_inline', 'code_block', 'fence',
]);
const cellAlignment = (name: string, value: string) => name === 'style' && /^text-align:(?:left|right|center)$/.test(value);
const allowedAttributes: Record<string, (name: string, value: string) => boolean> = {
  a: (name) => name === 'href' || name === 'title',
  ol: (name) => name === 'start',
  th: cellAlignment,
  td: cellAlignment,
};

const keepAllowed = (tokens: Token[], asText: (token: Token) => Token): Token[] =>
  tokens.map((token) => {
    if (!allowedTokens.has(token.type)) return asText(token);
    const allowed = allowedAttributes[token.tag];
    token.attrs = token.attrs?.filter(([name, value]) => allowed?.(name, String(value)) ?? false) ?? null;
    if (token.type === 'fence') token.info = '';
    if (token.type === 'link_open') token.attrSet('rel', 'noopener noreferrer nofollow');
    if (token.children) token.children = keepAllowed(token.children, asText);
    return token;
  });

markdown.core.ruler.push('allowed_only', (state) => {
  state.tokens = keepAllowed(state.tokens, (token) => Object.assign(new state.Token('text', '', 0), { content: token.content }));
});

/** The HTML of the Markdown `text`. */
export const renderPolicyMarkdown = (text: string): string => markdown.render(text);

/** Every language's text rendered. */
export const renderPolicyTexts = (text: Localized): Localized =>
  Object.fromEntries(policyLanguages.map((language) => [language, renderPolicyMarkdown(text[language])])) as Localized;
