import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { type Localized, policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

/**
 * The policy's Markdown as HTML for a public page. markdown-it renders CommonMark with raw HTML
 * turned off (any `<tag>` in the text is shown as text) and refuses `javascript:`-like links;
 * sanitize-html then keeps only the elements and attributes a policy needs, as a second wall in
 * case a renderer option or a plugin ever lets something through.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'ul', 'ol', 'li', 'strong', 'em', 's', 'code', 'pre',
    'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel'], ol: ['start'], th: ['style'], td: ['style'] },
  allowedStyles: { '*': { 'text-align': [/^(?:left|right|center)$/] } },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};

/** Sanitised HTML of the Markdown `text`. */
export const renderPolicyMarkdown = (text: string): string => sanitizeHtml(markdown.render(text), sanitizeOptions);

/** Every language's text rendered. */
export const renderPolicyTexts = (text: Localized): Localized =>
  Object.fromEntries(policyLanguages.map((language) => [language, renderPolicyMarkdown(text[language])])) as Localized;
