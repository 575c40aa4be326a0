import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales, messageTypes, type CommonParams, type Locale, type MessageParams, type MessageType } from '#shared/notifications/domain/catalogue.ts';
import { escapeEmailHtml } from '#shared/notifications/templates/fields.ts';
import { renderMessage } from '#shared/notifications/templates/render.ts';
import { sampleParams } from '#shared/notifications/templates/samples.ts';

const inboxUrl = 'https://app.example.test/inbox';
const unsubscribeUrl = 'https://api.example.test/v1/notifications/unsubscribe?token=abc&category=rewards';
const unsubscribeHref = 'href="https://api.example.test/v1/notifications/unsubscribe?token&#x3D;abc&amp;category&#x3D;rewards"';
const hostile = `<script>alert(1)</script> "&'`;
const hostileInHtml = '&lt;script&gt;alert(1)&lt;/script&gt; &quot;&amp;&#x27;';
const han = /\p{Script=Han}/u;

/** The parameters that are times (ISO strings the templates format for the locale). */
const timeKeys = new Set(['firstResponseDueAt', 'reopenUntil', 'until', 'closesAt', 'endsAt', 'appealUntil', 'effectiveAt']);
const markerTime = '2031-02-03T04:05:00.000Z';
const markerTimeIn: Record<Locale, string> = { en: 'February 3, 2031 at 04:05 UTC', 'zh-CN': '2031年2月3日 UTC 04:05' };

const cases = messageTypes.flatMap((type) => locales.map((locale) => [type, locale] as const));

type AnyParams = MessageParams[MessageType] & CommonParams;
const render = (type: MessageType, locale: Locale, params: Record<string, string | undefined>) =>
  renderMessage(type, locale, params as unknown as AnyParams);

/** Every parameter of the type's sample: times replaced by `markerTime`, every other value by `value(key)`. */
const paramsOf = (type: MessageType, value: (key: string) => string): Record<string, string> =>
  Object.fromEntries(Object.keys(sampleParams[type]).map((key) => [key, timeKeys.has(key) ? markerTime : value(key)]));
const markerOf = (type: MessageType, key: string) => `M-${type}-${key}-9`;

describe('every message type in every locale', () => {
  it.each(cases)('%s (%s) renders a subject, a text and an HTML body with every parameter', (type, locale) => {
    const params = paramsOf(type, (key) => markerOf(type, key));
    const message = render(type, locale, { ...params, inboxUrl });

    expect(message.subject.trim()).not.toBe('');
    expect(message.text.trim()).not.toBe('');
    expect(message.html.trim()).not.toBe('');
    for (const [key, value] of Object.entries(params)) {
      const printed = timeKeys.has(key) ? markerTimeIn[locale] : value;
      expect(message.text, key).toContain(printed);
      expect(message.html, key).toContain(printed);
      expect(message.subject, key).not.toContain(value);
    }
    expect(message.subject).not.toMatch(/\{\{|M-/);
    expect(message.text).toContain(inboxUrl);
    expect(message.html).toContain(`href="${inboxUrl}"`);
    expect(message.text).not.toMatch(/\n{3,}/);
  });

  it.each(cases)('%s (%s) is one accessible HTML document in the locale, titled with the subject', (type, locale) => {
    const message = render(type, locale, { ...sampleParams[type], inboxUrl });
    expect(message.html).toMatch(/^<!DOCTYPE html>\n<html lang="([^"]+)">/);
    expect(message.html).toContain(`<html lang="${locale}">`);
    expect(message.html).toContain(`<title>${escapeEmailHtml(message.subject)}</title>`);
    expect(message.html).toContain(`<h1>${escapeEmailHtml(message.subject)}</h1>`);
    expect(message.html).toContain('<meta charset="utf-8">');
  });

  it.each(cases)('%s (%s) has a subject that no parameter changes', (type, locale) => {
    const withSamples = render(type, locale, { ...sampleParams[type], inboxUrl });
    const withOthers = render(type, locale, { ...paramsOf(type, (key) => `other ${key}`), inboxUrl, unsubscribeUrl });
    expect(withOthers.subject).toBe(withSamples.subject);
  });

  it.each(cases)('%s (%s) is in the language of its locale', (type, locale) => {
    const message = render(type, locale, { ...sampleParams[type], inboxUrl, unsubscribeUrl });
    for (const part of [message.subject, message.text, message.html]) {
      if (locale === 'zh-CN') expect(part).toMatch(han);
      else expect(part).not.toMatch(han);
    }
  });

  it.each(cases)('%s (%s) escapes parameters in HTML and prints them as they are in text', (type, locale) => {
    const message = render(type, locale, { ...paramsOf(type, () => hostile), inboxUrl });
    expect(message.html).not.toMatch(/<script/i);
    expect(message.html).not.toContain(`"&'`);
    expect(message.html).toContain(hostileInHtml);
    expect(message.text).toContain(hostile);
    expect(message.text).not.toContain('&lt;');
  });

  it.each(cases)('%s (%s) has an unsubscribe link only when it is given', (type, locale) => {
    const word = locale === 'en' ? 'Unsubscribe' : '退订';
    const without = render(type, locale, { ...sampleParams[type], inboxUrl });
    expect(without.text).not.toContain(word);
    expect(without.html).not.toContain(word);
    expect(without.text).not.toContain('unsubscribe?');
    expect(without.html).not.toContain('unsubscribe?');

    const withLink = render(type, locale, { ...sampleParams[type], inboxUrl, unsubscribeUrl });
    expect(withLink.text).toContain(word);
    expect(withLink.text).toContain(unsubscribeUrl);
    expect(withLink.html).toContain(unsubscribeHref);
    expect(withLink.html).toMatch(new RegExp(`<a ${unsubscribeHref.replace(/[?]/g, '\\?')}>[^<]*${word}`));
    expect(withLink.text).toContain(inboxUrl);
  });
});

describe('codes in words', () => {
  const decided = (outcome: string, locale: Locale = 'en') =>
    render('notice-decided', locale, { ...sampleParams['notice-decided'], outcome, inboxUrl }).text;

  it('prints the words for a code in every spelling of the source contexts, never the code', () => {
    expect(decided('action-taken')).toContain('we have taken action against it');
    expect(decided('action_taken')).toBe(decided('action-taken'));
    expect(decided('no-action')).toContain('we have not taken action');
    expect(decided('no_action')).toBe(decided('no-action'));
    expect(decided('action_taken', 'zh-CN')).toContain('并已对其采取措施');
    expect(decided('action_taken')).not.toMatch(/action[-_]taken/);

    const appeal = (outcome: string) => render('appeal-decided', 'en', { reference: 'apl_1', outcome, inboxUrl }).text;
    expect(appeal('partly_reversed')).toContain('partly reversed the original decision');
    expect(appeal('partly')).toBe(appeal('partly_reversed'));
    expect(appeal('upheld')).toContain('upheld the original decision');
    expect(appeal('reversed')).toContain('reversed the original decision');
  });

  it('states the measure, the ground and the use of automated means of a statement of reasons', () => {
    const statement = (locale: Locale, overrides: Record<string, string>) =>
      render('statement-of-reasons', locale, { ...sampleParams['statement-of-reasons'], ...overrides, inboxUrl }).text;
    const automated = { restriction: 'remove', groundType: 'illegal', automatedDetection: 'true', automatedDecision: 'partially' };
    expect(statement('en', automated)).toContain('The content was removed');
    expect(statement('en', automated)).toContain('Illegal content under the applicable law');
    expect(statement('en', automated)).toContain('Yes: the content was detected or identified using automated means.');
    expect(statement('en', automated)).toContain('taken partly by automated means');
    expect(statement('zh-CN', automated)).toContain('删除内容');
    expect(statement('zh-CN', automated)).toContain('是：该内容是通过自动化手段检测或识别的。');
    expect(statement('en', {})).toContain('Your account was suspended');
    expect(statement('en', {})).toContain('No: the content was not detected');
    expect(statement('en', {})).toContain('taken by a person, without automated decision-making');
    for (const redress of ['internal complaint-handling system', 'out-of-court dispute settlement body', 'competent court']) {
      expect(statement('en', {})).toContain(redress);
    }
  });

  it('lists several service targets in the words of the locale', () => {
    const escalated = (locale: Locale) =>
      render('complaint-escalated', locale, { reference: 'cmp_1', priority: 'urgent', targets: 'firstResponse, resolution', inboxUrl }).text;
    expect(escalated('en')).toContain('New priority: Urgent');
    expect(escalated('en')).toContain('Missed targets: first response and resolution');
    expect(escalated('zh-CN')).toContain('新的优先级：紧急');
    expect(escalated('zh-CN')).toContain('未达到的目标：首次回复和解决');
  });
});

describe('the redress a person is told of (DSA Art. 16(5), 17(3)(f), 20, 21)', () => {
  const appealUntil = '2026-02-03T09:00:00.000Z';
  const redressTypes = ['notice-decided', 'statement-of-reasons'] as const;
  const withRedress = (type: (typeof redressTypes)[number], locale: Locale, redress: string, until = '') =>
    render(type, locale, { ...sampleParams[type], redress, appealUntil: until, inboxUrl });
  /** Always open, whatever the decision: a certified out-of-court body and the courts. */
  const outsideRoutes = { en: ['out-of-court dispute settlement body', 'competent court'], 'zh-CN': ['庭外争议解决机构', '有管辖权的法院'] };

  it.each(redressTypes.flatMap((type) => locales.map((locale) => [type, locale] as const)))(
    '%s (%s) offers an appeal to us until its deadline, in the words and time format of the locale, and the outside routes',
    (type, locale) => {
      const message = withRedress(type, locale, 'appeal', appealUntil);
      const words = { en: ['internal complaint-handling system', 'Appeal to us until: February 3, 2026 at 09:00 UTC'], 'zh-CN': ['内部投诉处理系统', '申诉截止时间：2026年2月3日 UTC 09:00'] };
      for (const phrase of [...words[locale], ...outsideRoutes[locale]]) expect(message.text).toContain(phrase);
      for (const part of [message.text, message.html]) expect(part).not.toMatch(/POST|\/v1\/appeals|2026-02-03T|six months|六个月/);
    },
  );

  it.each(redressTypes.flatMap((type) => locales.flatMap((locale) => (['no-internal-appeal', 'final-on-appeal'] as const).map((r) => [type, locale, r] as const))))(
    '%s (%s) with %s offers no appeal to us, only the outside routes',
    (type, locale, redress) => {
      const message = withRedress(type, locale, redress);
      const why = {
        'no-internal-appeal': { en: 'a notifier can appeal to us only a decision not to act', 'zh-CN': '举报人仅可就不采取措施的决定向我们提出申诉' },
        'final-on-appeal': { en: 'taken on an appeal', 'zh-CN': '在申诉程序中作出' },
      };
      expect(message.text).toContain(why[redress][locale]);
      for (const phrase of outsideRoutes[locale]) expect(message.text).toContain(phrase);
      for (const part of [message.text, message.html]) expect(part).not.toMatch(/Appeal to us until|within six months|申诉截止时间|六个月内/);
    },
  );

  it('speaks to a zh-CN reader in Chinese only: no English sentence, no API path', () => {
    for (const type of redressTypes) {
      const message = render(type, 'zh-CN', { ...sampleParams[type], inboxUrl });
      expect(message.text).not.toMatch(/\b(appeal|decision|you)\b|POST|\/v1\//i);
    }
  });
});

describe('times', () => {
  it('formats times for the locale, in UTC', () => {
    const received = (locale: Locale) => render('complaint-received', locale, { ...sampleParams['complaint-received'], inboxUrl });
    expect(received('en').text).toContain('First response due by: June 3, 2025 at 08:14 UTC');
    expect(received('zh-CN').text).toContain('首次回复截止时间：2025年6月3日 UTC 08:14');
    expect(received('en').text).not.toContain('2025-06-03T');
  });

  it('refuses a time that is not one rather than print nonsense', () => {
    expect(() => render('survey-reminder', 'en', { reference: '2025-06-monthly', closesAt: 'soon', inboxUrl })).toThrow(RangeError);
    expect(() => render('survey-reminder', 'en', { reference: '2025-06-monthly', inboxUrl })).toThrow(TypeError);
  });

  it('states the end of a temporary measure only when it has one', () => {
    const { endsAt: _, ...indefinite } = sampleParams['statement-of-reasons'];
    const until = render('statement-of-reasons', 'en', { ...sampleParams['statement-of-reasons'], inboxUrl });
    const without = render('statement-of-reasons', 'en', { ...indefinite, inboxUrl });
    expect(until.text).toContain('The measure applies until: July 2, 2025 at 08:14 UTC');
    expect(until.html).toContain('<dt>The measure applies until</dt><dd>July 2, 2025 at 08:14 UTC</dd>');
    expect(without.text).not.toContain('applies until');
    expect(without.html).not.toContain('applies until');
  });
});

describe('what renderMessage refuses', () => {
  it('refuses a locale or a message type it has no template for', () => {
    expect(() => render('complaint-closed', 'fr' as Locale, { reference: 'cmp_1', inboxUrl })).toThrow(/No template for message type complaint-closed in locale fr/);
    expect(() => render('complaint-closed', 'toString' as Locale, { reference: 'cmp_1', inboxUrl })).toThrow(RangeError);
    expect(() => render('complaint-archived' as MessageType, 'en', { reference: 'cmp_1', inboxUrl })).toThrow(RangeError);
  });

  it('refuses links that are not web addresses', () => {
    expect(() => render('complaint-closed', 'en', { reference: 'cmp_1', inboxUrl: 'javascript:alert(1)' })).toThrow(/inboxUrl/);
    expect(() => render('complaint-closed', 'en', { reference: 'cmp_1', inboxUrl, unsubscribeUrl: 'data:text/html,hi' })).toThrow(/unsubscribeUrl/);
    expect(() => render('complaint-closed', 'en', { reference: 'cmp_1', inboxUrl: '/inbox' })).toThrow(/inboxUrl/);
  });

  it('prints a code no vocabulary knows as it is (escaped in HTML)', () => {
    const message = render('appeal-decided', 'en', { reference: 'apl_1', outcome: 'withdrawn <b>', inboxUrl });
    expect(message.text).toContain('withdrawn <b>');
    expect(message.html).toContain('withdrawn &lt;b&gt;');
  });
});

describe('the templates themselves', () => {
  it('never print a parameter unescaped into HTML', () => {
    const directory = new URL('../../shared/notifications/templates/', import.meta.url);
    const sources = readdirSync(directory).filter((file) => file.endsWith('.ts'));
    expect(sources.length).toBeGreaterThan(3);
    for (const file of sources) expect(readFileSync(new URL(file, directory), 'utf8'), file).not.toMatch(/\{\{\{|SafeString|\{\{&/);
  });

  it('has samples that render as a preview of every type', () => {
    expect(Object.keys(sampleParams).sort()).toEqual([...messageTypes].sort());
    for (const type of messageTypes) {
      const preview = render(type, 'en', { ...sampleParams[type], inboxUrl });
      expect(preview.text, type).toContain(sampleParams[type].reference);
    }
  });
});
