import {
  messageCategories,
  type CommonParams,
  type Locale,
  type MessageParams,
  type MessageType,
  type RenderedMessage,
} from '#shared/notifications/domain/catalogue.ts';
import { complaintTemplates } from '#shared/notifications/templates/complaints.ts';
import { fillerOf } from '#shared/notifications/templates/fields.ts';
import { html, inboxText, text, type MessageTemplate, type TemplateSet } from '#shared/notifications/templates/layout.ts';
import { securityTemplates } from '#shared/notifications/templates/security.ts';
import { surveyAndRewardTemplates } from '#shared/notifications/templates/surveys-and-rewards.ts';
import { transparencyTemplates } from '#shared/notifications/templates/transparency.ts';
import { trustAndSafetyTemplates } from '#shared/notifications/templates/trust-and-safety.ts';

/**
 * Renders a message from its template: the fixed subject, a plain-text body and an HTML body, in
 * the recipient's locale. Parameters are escaped in the HTML body (no template can print one
 * unescaped: fields.ts); the plain-text body is not HTML, so it prints them as they are.
 */

const templates: TemplateSet<MessageType> = { ...complaintTemplates, ...trustAndSafetyTemplates, ...surveyAndRewardTemplates, ...securityTemplates, ...transparencyTemplates };

const templateOf = (type: MessageType, locale: Locale): MessageTemplate => {
  const inLocales = Object.hasOwn(templates, type) ? templates[type] : undefined;
  const template = inLocales && Object.hasOwn(inLocales, locale) ? inLocales[locale] : undefined;
  if (!template) throw new RangeError(`No template for message type ${type} in locale ${locale}`);
  return template;
};

/** A link every message carries: only web addresses, so no `javascript:` or `data:` URL ever lands in an href. */
const webLink = (value: string, name: string): string => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new RangeError(`${name} must be an http(s) URL`);
  return value;
};

export const renderMessage = <T extends MessageType>(type: T, locale: Locale, params: MessageParams[T] & CommonParams): RenderedMessage => {
  const template = templateOf(type, locale);
  const context = {
    ...params,
    inboxUrl: webLink(params.inboxUrl, 'inboxUrl'),
    unsubscribeUrl: params.unsubscribeUrl === undefined ? undefined : webLink(params.unsubscribeUrl, 'unsubscribeUrl'),
  };
  const fields = fillerOf(context, locale);
  const category = messageCategories[type];
  const inbox = inboxText(template, locale, fields);
  return {
    subject: template.subject,
    text: text(inbox, locale, category, fields).replace(/\n{3,}/g, '\n\n'),
    inboxText: inbox.replace(/\n{3,}/g, '\n\n'),
    html: html(template, locale, category, fields),
  };
};
