import type { Category, Locale, MessageType } from '#shared/notifications/domain/catalogue.ts';
import { escapeEmailHtml, type Filler } from '#shared/notifications/templates/fields.ts';

/**
 * The one layout of every message. A template is written once, as blocks whose strings hold
 * expressions over the message's parameters (fields.ts); the layout turns the blocks into the
 * plain-text body and the HTML body, so both always say the same thing. In HTML, the blocks'
 * literal text and the parameters' values are escaped alike.
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

const textBlock = (block: Block, frame: Frame, fields: Filler): string => {
  if (typeof block === 'string') return fields.text(block);
  if ('heading' in block) return fields.text(block.heading);
  if ('list' in block) return block.list.map((item) => `- ${fields.text(item)}`).join('\n');
  if ('facts' in block) return block.facts.map(([label, value]) => `${fields.text(label)}${frame.labelSeparator}${fields.text(value)}`).join('\n');
  // A block not shown leaves an empty paragraph, which the renderer folds away with the others.
  return fields.shows(block.when) ? block.blocks.map((inner) => textBlock(inner, frame, fields)).join('\n\n') : '';
};

/** The in-app inbox's text: the greeting and the message, without the email's footer (links, unsubscribe, "do not reply"). */
export const inboxText = (template: MessageTemplate, locale: Locale, fields: Filler): string => {
  const frame = frames[locale];
  return [frame.greeting, ...template.body.map((block) => textBlock(block, frame, fields))].join('\n\n');
};

/**
 * The plain-text body: the inbox's text (above, filled once) and the email's footer. Blank lines a
 * missing optional block leaves behind are removed by the renderer.
 */
export const text = (inbox: string, locale: Locale, category: Category, fields: Filler): string => {
  const frame = frames[locale];
  return [
    inbox,
    `-- \n${frame.openInbox}${frame.labelSeparator}${fields.text('{{inboxUrl}}')}`,
    fields.shows('unsubscribeUrl')
      ? `${frame.unsubscribeReason(frame.categories[category])}\n${frame.unsubscribe}${frame.labelSeparator}${fields.text('{{unsubscribeUrl}}')}`
      : '',
    frame.automated,
  ].join('\n\n');
};

/** A block's lines of HTML; none for an optional block not shown. */
const htmlBlock = (block: Block, fields: Filler): string | undefined => {
  if (typeof block === 'string') return `<p>${fields.html(block)}</p>`;
  if ('heading' in block) return `<h2>${fields.html(block.heading)}</h2>`;
  if ('list' in block) return `<ul>\n${block.list.map((item) => `<li>${fields.html(item)}</li>`).join('\n')}\n</ul>`;
  if ('facts' in block) return `<dl>\n${block.facts.map(([label, value]) => `<dt>${fields.html(label)}</dt><dd>${fields.html(value)}</dd>`).join('\n')}\n</dl>`;
  const shown = fields.shows(block.when) ? htmlBlocks(block.blocks, fields) : [];
  return shown.length > 0 ? shown.join('\n') : undefined;
};

const htmlBlocks = (blocks: readonly Block[], fields: Filler): string[] =>
  blocks.flatMap((block) => htmlBlock(block, fields) ?? []);

/** Readable without it: the markup alone is plain, semantic HTML. */
const style =
  'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;' +
  'line-height:1.6;color:#1a1a1a;background:#fff;max-width:40em;margin:0 auto;padding:1em}' +
  'p,li,dd{white-space:pre-line}dt{font-weight:bold}dd{margin:0 0 .5em 0}a{color:#0b57d0}' +
  'footer{margin-top:2em;padding-top:1em;border-top:1px solid #ccc;font-size:.9em;color:#444}';

/** The HTML body: a whole document in the message's language, titled with its subject. */
export const html = (template: MessageTemplate, locale: Locale, category: Category, fields: Filler): string => {
  const frame = frames[locale];
  const subject = escapeEmailHtml(template.subject);
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
    `<p>${escapeEmailHtml(frame.greeting)}</p>`,
    ...htmlBlocks(template.body, fields),
    '</main>',
    '<footer>',
    `<p><a href="${fields.html('{{inboxUrl}}')}">${escapeEmailHtml(frame.openInbox)}</a></p>`,
    fields.shows('unsubscribeUrl')
      ? `<p>${escapeEmailHtml(frame.unsubscribeReason(frame.categories[category]))} <a href="${fields.html('{{unsubscribeUrl}}')}">${escapeEmailHtml(frame.unsubscribe)}</a></p>`
      : '',
    `<p>${escapeEmailHtml(frame.automated)}</p>`,
    '</footer>',
    '</body>',
    '</html>',
  ].join('\n');
};
