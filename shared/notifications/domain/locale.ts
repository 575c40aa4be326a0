import { locales, type Locale } from '#shared/notifications/domain/catalogue.ts';

/**
 * The locale a person's profile names, as one the platform speaks. Profiles spell locales in many
 * ways (`zh_CN`, `zh-Hans-CN`, `ZH-cn`, `en_US.UTF-8`): any English tag is `en`, any Chinese tag
 * written in Simplified script (`zh`, `zh-Hans`, `zh-SG`) is `zh-CN`. Anything else, Traditional
 * Chinese (`zh-TW`, `zh-Hant`) and tags that are not locales included, is the fallback.
 */
export const localeOf = (profileLocale: string | undefined, fallback: Locale): Locale => {
  const tag = profileLocale?.trim().split(/[.@]/)[0]?.replaceAll('_', '-');
  if (!tag) return fallback;
  let locale: Intl.Locale;
  try {
    locale = new Intl.Locale(tag);
  } catch {
    return fallback;
  }
  if (locale.language === 'en') return 'en';
  if (locale.language === 'zh' && locale.maximize().script === 'Hans') return 'zh-CN';
  return fallback;
};

/** A requested locale (a query parameter, a setting) if it is one the platform speaks, in its canonical spelling. */
export const parseLocale = (value: string): Locale | undefined => locales.find((locale) => locale.toLowerCase() === value.toLowerCase());
