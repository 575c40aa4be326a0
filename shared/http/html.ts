/** What the public HTML pages share: text made safe to place in HTML, and the headers that lock a page down. */

/** Text escaped for HTML content and attribute values. */
export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** A page with its own inline styles and SVG, and nothing else: no script, no frame, no form, no referrer. */
export const lockedPageHeaders = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};
