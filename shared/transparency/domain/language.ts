import { type PolicyLanguage, policyLanguages } from '#shared/transparency/domain/privacy-policy.ts';

const DEFAULT_LANGUAGE: PolicyLanguage = 'en';

/** The policy language a language tag asks for: `zh`, `zh-CN`, `zh-Hans`… are zh-CN; `en`, `en-GB`… are en. */
const languageOfTag = (tag: string): PolicyLanguage | undefined => {
  const primary = tag.trim().toLowerCase().split('-')[0];
  return policyLanguages.find((language) => language.toLowerCase().split('-')[0] === primary);
};

/**
 * The language to answer in: `lang` when given, else the first of Accept-Language (by quality,
 * RFC 9110) that the policy is written in, else English.
 */
export const chooseLanguage = (lang: PolicyLanguage | undefined, acceptLanguage: string | undefined): PolicyLanguage => {
  if (lang) return lang;
  const ranges = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((range) => range.tag && range.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const range of ranges) {
    const language = languageOfTag(range.tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
};
