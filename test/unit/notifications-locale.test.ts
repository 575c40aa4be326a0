import { describe, expect, it } from 'vitest';
import { locales, type Locale } from '#shared/notifications/domain/catalogue.ts';
import { localeOf, parseLocale } from '#shared/notifications/domain/locale.ts';

describe('localeOf: the locale of a profile, as one the platform speaks', () => {
  it.each(['zh', 'zh-CN', 'zh_CN', 'zh-Hans', 'zh-Hans-CN', 'ZH-cn', 'zh_cn', 'zh-SG', 'zh_CN.UTF-8', ' zh-CN '])(
    '%j is Simplified Chinese: zh-CN',
    (profileLocale) => {
      expect(localeOf(profileLocale, 'en')).toBe('zh-CN');
    },
  );

  it.each(['en', 'en-GB', 'en_US', 'EN-us', 'en-Latn-IE', 'en_US.UTF-8', 'en_GB@euro'])('%j is English: en', (profileLocale) => {
    expect(localeOf(profileLocale, 'zh-CN')).toBe('en');
  });

  it.each([undefined, '', '   ', 'zh-TW', 'zh-Hant', 'zh-HK', 'zh-Hant-CN', 'fr-FR', 'de', 'ja_JP', 'und', 'C', 'POSIX', 'not a locale', 'e'])(
    '%j is none the platform speaks: the fallback',
    (profileLocale) => {
      for (const fallback of locales) expect(localeOf(profileLocale, fallback)).toBe(fallback);
    },
  );
});

describe('parseLocale: a requested locale', () => {
  it.each<[string, Locale]>([
    ['en', 'en'],
    ['EN', 'en'],
    ['zh-CN', 'zh-CN'],
    ['zh-cn', 'zh-CN'],
    ['ZH-CN', 'zh-CN'],
  ])('%j is %s', (value, locale) => {
    expect(parseLocale(value)).toBe(locale);
  });

  it.each(['', 'zh', 'zh_CN', 'zh-Hans', 'en-GB', 'en_US', ' en', 'fr', 'zh-TW', 'toString', '__proto__'])('%j is not a locale the platform speaks', (value) => {
    expect(parseLocale(value)).toBeUndefined();
  });
});
