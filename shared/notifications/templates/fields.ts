import type { Locale } from '#shared/notifications/domain/catalogue.ts';
import { termOf, termsOf } from '#shared/notifications/templates/vocabulary.ts';

/**
 * The expressions a template's strings hold, and nothing more: a parameter, `{{reference}}`, or
 * a parameter through one of three helpers, `{{time at}}`, `{{term "vocabulary" code}}` and
 * `{{terms "vocabulary" codes}}`. The layout (layout.ts) decides which blocks a message shows;
 * this fills their strings. A parameter the message does not have is an error, as is any other
 * form of expression: a template cannot print raw HTML, loop, or reach beyond its parameters.
 *
 * Handlebars did this until its compiler, 81 KiB, was a tenth of the notification sender's cold
 * start (see the README's Benchmarks); the output is the same, its HTML escaping included.
 */

type Params = Readonly<Record<string, unknown>>;

/** How a template's strings become a message's text or HTML, and which optional blocks it shows. */
export interface Filler {
  /** The string with its expressions filled, as plain text. */
  text(source: string): string;
  /** The string as HTML: its literal text and its expressions' values escaped. */
  html(source: string): string;
  /** Whether a `when` block's parameter is present: not empty, zero, false or missing. */
  shows(field: string): boolean;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
  '`': '&#x60;',
  '=': '&#x3D;',
};

/**
 * Escapes text for an email's HTML: the characters Handlebars escaped, the same way, so every
 * email reads as it always has. The public pages use shared/http/html.ts, which leaves `=` and
 * the backtick as they are and writes `'` as `&#39;`.
 */
export const escapeEmailHtml = (text: string): string => text.replace(/[&<>"'`=]/g, (character) => HTML_ESCAPES[character]!);

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

const textArgument = (value: unknown, helper: string): string => {
  if (typeof value !== 'string') throw new TypeError(`The ${helper} helper needs a text parameter`);
  return value;
};

type Helper = (args: readonly unknown[], locale: Locale) => string;

const helpers: Readonly<Record<string, Helper>> = {
  /** `{{time at}}`: an ISO time in the locale's words, in UTC (which it names). */
  time: ([value], locale) => {
    const at = new Date(textArgument(value, 'time'));
    if (Number.isNaN(at.getTime())) throw new RangeError('The time helper needs an ISO time');
    return timeFormat(locale).format(at);
  },
  /** `{{term "vocabulary" code}}`: a code in words. */
  term: ([vocabulary, value], locale) => termOf(textArgument(vocabulary, 'term'), textArgument(value, 'term'), locale),
  /** `{{terms "vocabulary" codes}}`: several codes in words, as a list. */
  terms: ([vocabulary, values], locale) => termsOf(textArgument(vocabulary, 'terms'), textArgument(values, 'terms'), locale),
};

const EXPRESSION = /(\{\{[^}]*\}\})/;
const FIELD = /^[A-Za-z_]\w*$/;
const ARGUMENT = /^(?:"([^"]*)"|([A-Za-z_]\w*))$/;

const parameter = (params: Params, field: string): unknown => (Object.hasOwn(params, field) ? params[field] : undefined);

/** The text of one `{{…}}` expression. */
const evaluate = (expression: string, params: Params, locale: Locale): string => {
  const words = expression.slice(2, -2).trim().split(/\s+/);
  const [head, ...rest] = words;
  if (rest.length === 0 && head !== undefined && FIELD.test(head)) {
    if (!Object.hasOwn(params, head)) throw new TypeError(`The message has no parameter "${head}"`);
    const value = params[head];
    return value === undefined || value === null ? '' : String(value);
  }
  const helper = head !== undefined && Object.hasOwn(helpers, head) ? helpers[head] : undefined;
  const args = rest.map((word) => ARGUMENT.exec(word));
  if (!helper || args.some((match) => match === null)) throw new SyntaxError(`Unsupported template expression ${expression}`);
  return helper(
    args.map((match) => (match![1] !== undefined ? match![1] : parameter(params, match![2]!))),
    locale,
  );
};

const fill = (source: string, params: Params, locale: Locale, encode: (text: string) => string): string =>
  source
    .split(EXPRESSION)
    .map((part, index) => encode(index % 2 === 1 ? evaluate(part, params, locale) : part))
    .join('');

const asIs = (text: string) => text;

/** The filler of one message: its parameters, in its recipient's locale. */
export const fillerOf = (message: object, locale: Locale): Filler => {
  const params = message as Params;
  return {
    text: (source) => fill(source, params, locale, asIs),
    html: (source) => fill(source, params, locale, escapeEmailHtml),
    shows: (field) => {
      const value = parameter(params, field);
      return Array.isArray(value) ? value.length > 0 : Boolean(value);
    },
  };
};
