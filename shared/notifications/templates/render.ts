import Handlebars from 'handlebars';
import {
  messageCategories,
  type CommonParams,
  type Locale,
  type MessageParams,
  type MessageType,
  type RenderedMessage,
} from '#shared/notifications/domain/catalogue.ts';
import { complaintTemplates } from '#shared/notifications/templates/complaints.ts';
import { htmlSource, inboxTextSource, textSource, type MessageTemplate, type TemplateSet } from '#shared/notifications/templates/layout.ts';
import { securityTemplates } from '#shared/notifications/templates/security.ts';
import { surveyAndRewardTemplates } from '#shared/notifications/templates/surveys-and-rewards.ts';
import { transparencyTemplates } from '#shared/notifications/templates/transparency.ts';
import { trustAndSafetyTemplates } from '#shared/notifications/templates/trust-and-safety.ts';
import { termOf, termsOf } from '#shared/notifications/templates/vocabulary.ts';

/**
 * Renders a message from its template: the fixed subject, a plain-text body and an HTML body, in
 * the recipient's locale. Templates are compiled on first use and kept. Parameters are escaped in
 * the HTML body (the templates never use Handlebars' unescaped "triple-stash" form); the
 * plain-text body is not HTML, so it is compiled without escaping.
 */

const templates: TemplateSet<MessageType> = { ...complaintTemplates, ...trustAndSafetyTemplates, ...surveyAndRewardTemplates, ...securityTemplates, ...transparencyTemplates };

/** A private Handlebars environment: the helpers below, and nothing registered by anyone else. */
const handlebars = Handlebars.create();

const timeFormats = new Map<Locale, Intl.DateTimeFormat>();
const timeFormat = (locale: Locale): Intl.DateTimeFormat => {
  let format = timeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    timeFormats.set(locale, format);
  }
  return format;
};

const localeOfFrame = (options: Handlebars.HelperOptions): Locale => (options.data as { locale: Locale }).locale;

const text = (value: unknown, helper: string): string => {
  if (typeof value !== 'string') throw new TypeError(`The ${helper} helper needs a text parameter`);
  return value;
};

/** `{{time at}}`: an ISO time in the locale's words, in UTC (which it names). */
handlebars.registerHelper('time', (value: unknown, options: Handlebars.HelperOptions) => {
  const at = new Date(text(value, 'time'));
  if (Number.isNaN(at.getTime())) throw new RangeError('The time helper needs an ISO time');
  return timeFormat(localeOfFrame(options)).format(at);
});

/** `{{term "vocabulary" code}}`: a code in words. */
handlebars.registerHelper('term', (vocabulary: unknown, value: unknown, options: Handlebars.HelperOptions) =>
  termOf(text(vocabulary, 'term'), text(value, 'term'), localeOfFrame(options)),
);

/** `{{terms "vocabulary" codes}}`: several codes in words, as a list. */
handlebars.registerHelper('terms', (vocabulary: unknown, values: unknown, options: Handlebars.HelperOptions) =>
  termsOf(text(vocabulary, 'terms'), text(values, 'terms'), localeOfFrame(options)),
);

type Part = 'text' | 'inbox' | 'html';

const compileOptions = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: { time: true, term: true, terms: true },
} as const;

const compiled = new Map<string, HandlebarsTemplateDelegate>();

const templateOf = (type: MessageType, locale: Locale): MessageTemplate => {
  const inLocales = Object.hasOwn(templates, type) ? templates[type] : undefined;
  const template = inLocales && Object.hasOwn(inLocales, locale) ? inLocales[locale] : undefined;
  if (!template) throw new RangeError(`No template for message type ${type} in locale ${locale}`);
  return template;
};

const compiledPart = (type: MessageType, locale: Locale, part: Part): HandlebarsTemplateDelegate => {
  const key = `${type}|${locale}|${part}`;
  let delegate = compiled.get(key);
  if (!delegate) {
    const template = templateOf(type, locale);
    const category = messageCategories[type];
    const textOptions = { ...compileOptions, noEscape: true };
    delegate =
      part === 'html'
        ? handlebars.compile(htmlSource(template, locale, category), compileOptions)
        : handlebars.compile(part === 'text' ? textSource(template, locale, category) : inboxTextSource(template, locale), textOptions);
    compiled.set(key, delegate);
  }
  return delegate;
};

/** A link every message carries: only web addresses, so no `javascript:` or `data:` URL ever lands in an href. */
const webLink = (value: string, name: string): string => {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new RangeError(`${name} must be an http(s) URL`);
  return value;
};

export const renderMessage = <T extends MessageType>(type: T, locale: Locale, params: MessageParams[T] & CommonParams): RenderedMessage => {
  const { subject } = templateOf(type, locale);
  const context = {
    ...params,
    inboxUrl: webLink(params.inboxUrl, 'inboxUrl'),
    unsubscribeUrl: params.unsubscribeUrl === undefined ? undefined : webLink(params.unsubscribeUrl, 'unsubscribeUrl'),
  };
  const options = { data: { locale } };
  return {
    subject,
    text: compiledPart(type, locale, 'text')(context, options).replace(/\n{3,}/g, '\n\n'),
    inboxText: compiledPart(type, locale, 'inbox')(context, options).replace(/\n{3,}/g, '\n\n'),
    html: compiledPart(type, locale, 'html')(context, options),
  };
};
