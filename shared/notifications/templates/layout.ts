import Handlebars from 'handlebars';
import type { Category, Locale, MessageType } from '#shared/notifications/domain/catalogue.ts';

/**
 * The one layout of every message. A template is written once, as blocks whose strings are
 * Handlebars sources over the message's parameters; the layout turns the blocks into the source
 * of the plain-text body and of the HTML body, so both always say the same thing. The literal
 * text of the blocks is HTML-escaped when it becomes HTML; the parameters are escaped by
 * Handlebars when the HTML body is rendered.
 */

/** One block of a message body: a paragraph, a heading, a bulleted list, labelled facts, or blocks shown only when a parameter is present. */
export type Block =
  | string
  | { heading: string }
  | { list: readonly string[] }
  | { facts: ReadonlyArray<readonly [label: string, value: string]> }
  | { when: string; blocks: readonly Block[] };

export interface MessageTemplate {
  /** Fixed text: a subject never carries a parameter. */
  subject: string;
  body: readonly Block[];
}

/** The templates of some message types, in every locale. */
export type TemplateSet<T extends MessageType> = { readonly [K in T]: Readonly<Record<Locale, MessageTemplate>> };

interface Frame {
  greeting: string;
  /** Between a fact's label and its value in plain text. */
  labelSeparator: string;
  openInbox: string;
  /** Why the person receives this email, naming the category they may turn off. */
  unsubscribeReason: (category: string) => string;
  unsubscribe: string;
  automated: string;
  categories: Record<Category, string>;
}

const frames: Record<Locale, Frame> = {
  en: {
    greeting: 'Hello,',
    labelSeparator: ': ',
    openInbox: 'Open your inbox',
    unsubscribeReason: (category) => `You receive these emails because “${category}” notifications are turned on for your account.`,
    unsubscribe: 'Unsubscribe from these emails',
    automated: 'This message was sent automatically. Please do not reply to this email: use your inbox instead.',
    categories: {
      'complaint-updates': 'Complaint updates',
      'trust-and-safety': 'Trust and safety',
      rewards: 'Rewards',
      'survey-invitations': 'Survey invitations',
      'survey-reminders': 'Survey reminders',
      'staff-escalations': 'Staff escalations',
      'security-education': 'Security education',
      'privacy-policy': 'Privacy policy',
    },
  },
  'zh-CN': {
    greeting: '您好：',
    labelSeparator: '：',
    openInbox: '打开收件箱',
    unsubscribeReason: (category) => `您收到此类邮件，是因为您的账户开启了“${category}”通知。`,
    unsubscribe: '退订此类邮件',
    automated: '此邮件由系统自动发送，请勿直接回复。如需回复，请使用收件箱。',
    categories: {
      'complaint-updates': '投诉进展',
      'trust-and-safety': '信任与安全',
      rewards: '奖励',
      'survey-invitations': '问卷调查邀请',
      'survey-reminders': '问卷调查提醒',
      'staff-escalations': '员工升级通知',
      'security-education': '安全教育',
      'privacy-policy': '隐私政策',
    },
  },
};

const textBlock = (block: Block, frame: Frame): string => {
  if (typeof block === 'string') return block;
  if ('heading' in block) return block.heading;
  if ('list' in block) return block.list.map((item) => `- ${item}`).join('\n');
  if ('facts' in block) return block.facts.map(([label, value]) => `${label}${frame.labelSeparator}${value}`).join('\n');
  return `{{#if ${block.when}}}${block.blocks.map((inner) => textBlock(inner, frame)).join('\n\n')}{{/if}}`;
};

/** The in-app inbox's text: the greeting and the message, without the email's footer (links, unsubscribe, "do not reply"). */
export const inboxTextSource = (template: MessageTemplate, locale: Locale): string => {
  const frame = frames[locale];
  return [frame.greeting, ...template.body.map((block) => textBlock(block, frame))].join('\n\n');
};

/** The plain-text body's source; compiled without HTML escaping. Blank lines a missing optional block leaves behind are removed when rendered. */
export const textSource = (template: MessageTemplate, locale: Locale, category: Category): string => {
  const frame = frames[locale];
  return [
    frame.greeting,
    ...template.body.map((block) => textBlock(block, frame)),
    `-- \n${frame.openInbox}${frame.labelSeparator}{{inboxUrl}}`,
    `{{#if unsubscribeUrl}}${frame.unsubscribeReason(frame.categories[category])}\n${frame.unsubscribe}${frame.labelSeparator}{{unsubscribeUrl}}{{/if}}`,
    frame.automated,
  ].join('\n\n');
};

/** Escapes the literal text of a source for HTML, leaving its Handlebars expressions as they are. */
const html = (source: string): string =>
  source
    .split(/(\{\{[^}]*\}\})/)
    .map((part) => (part.startsWith('{{') ? part : Handlebars.Utils.escapeExpression(part)))
    .join('');

const htmlBlock = (block: Block): string => {
  if (typeof block === 'string') return `<p>${html(block)}</p>`;
  if ('heading' in block) return `<h2>${html(block.heading)}</h2>`;
  if ('list' in block) return `<ul>\n${block.list.map((item) => `<li>${html(item)}</li>`).join('\n')}\n</ul>`;
  if ('facts' in block) return `<dl>\n${block.facts.map(([label, value]) => `<dt>${html(label)}</dt><dd>${html(value)}</dd>`).join('\n')}\n</dl>`;
  return `{{#if ${block.when}}}\n${block.blocks.map(htmlBlock).join('\n')}\n{{/if}}`;
};

/** Readable without it: the markup alone is plain, semantic HTML. */
const style =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;' +
  'line-height:1.6;color:#1a1a1a;background:#fff;max-width:40em;margin:0 auto;padding:1em}' +
  'p,li,dd{white-space:pre-line}dt{font-weight:bold}dd{margin:0 0 .5em 0}a{color:#0b57d0}' +
  'footer{margin-top:2em;padding-top:1em;border-top:1px solid #ccc;font-size:.9em;color:#444}';

/** The HTML body's source: a whole document in the message's language, titled with its subject. */
export const htmlSource = (template: MessageTemplate, locale: Locale, category: Category): string => {
  const frame = frames[locale];
  const subject = html(template.subject);
  return [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${subject}</title>`,
    `<style>${style}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${subject}</h1>`,
    `<p>${html(frame.greeting)}</p>`,
    ...template.body.map(htmlBlock),
    '</main>',
    '<footer>',
    `<p><a href="{{inboxUrl}}">${html(frame.openInbox)}</a></p>`,
    `{{#if unsubscribeUrl}}<p>${html(frame.unsubscribeReason(frame.categories[category]))} <a href="{{unsubscribeUrl}}">${html(frame.unsubscribe)}</a></p>{{/if}}`,
    `<p>${html(frame.automated)}</p>`,
    '</footer>',
    '</body>',
    '</html>',
  ].join('\n');
};
