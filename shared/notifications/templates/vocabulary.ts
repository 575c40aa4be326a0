import type { Locale } from '#shared/notifications/domain/catalogue.ts';

/**
 * What the coded parameters of a message mean, in words, per locale: templates print
 * `{{term "restriction" restriction}}`, never the code. The source contexts spell codes their own
 * way (`action_taken`, `partly_reversed`, `firstResponse`), the catalogue in kebab case; all
 * spellings are accepted. A code no vocabulary knows is printed as it is, so a new code reads
 * oddly rather than losing a legally required message.
 */

type Vocabulary = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

const yes = {
  en: 'Yes: the content was detected or identified using automated means.',
  'zh-CN': '是：该内容是通过自动化手段检测或识别的。',
};
const no = {
  en: 'No: the content was not detected or identified using automated means.',
  'zh-CN': '否：该内容并非通过自动化手段检测或识别。',
};
const partlyReversed = {
  en: 'We have reviewed your appeal and partly reversed the original decision: the measure has been replaced by a less severe one.',
  'zh-CN': '我们已审查您的申诉，并部分撤销了原决定：原措施已由较轻的措施取代。',
};

const vocabularies = {
  /** A moderation measure (statement of reasons). */
  restriction: {
    label: { en: 'A label was added to the content', 'zh-CN': '为内容添加标签' },
    demote: { en: 'The visibility of the content was reduced (demoted)', 'zh-CN': '降低内容的可见度' },
    remove: { en: 'The content was removed', 'zh-CN': '删除内容' },
    'restrict-account': { en: 'Your account was partly restricted', 'zh-CN': '部分限制您的账户功能' },
    'suspend-account': { en: 'Your account was suspended', 'zh-CN': '暂停您的账户' },
    'terminate-account': { en: 'Your account was terminated', 'zh-CN': '终止您的账户' },
  },
  groundType: {
    terms: { en: 'Incompatible with our terms of service', 'zh-CN': '违反我们的服务条款' },
    illegal: { en: 'Illegal content under the applicable law', 'zh-CN': '根据适用法律属于违法内容' },
  },
  automatedDetection: { true: yes, yes, false: no, no },
  automatedDecision: {
    fully: { en: 'The decision was taken fully by automated means.', 'zh-CN': '该决定完全通过自动化手段作出。' },
    partially: {
      en: 'The decision was taken partly by automated means and reviewed by a person.',
      'zh-CN': '该决定部分借助自动化手段作出，并经工作人员审核。',
    },
    'not-automated': {
      en: 'The decision was taken by a person, without automated decision-making.',
      'zh-CN': '该决定由工作人员作出，未使用自动化决策。',
    },
  },
  noticeOutcome: {
    'action-taken': {
      en: 'We found that the reported content is illegal or incompatible with our terms of service, and we have taken action against it.',
      'zh-CN': '经审查，我们认定被举报的内容违法或违反我们的服务条款，并已对其采取措施。',
    },
    'no-action': {
      en: 'We found no breach of the law or of our terms of service, so we have not taken action against the reported content.',
      'zh-CN': '经审查，我们未发现被举报的内容违反法律或我们的服务条款，因此未对其采取措施。',
    },
  },
  /** What a person may still do about a decision with us (the out-of-court and court routes are listed apart). */
  redress: {
    appeal: {
      en: 'You can appeal this decision to us, free of charge, through our internal complaint-handling system until the time below. Someone who was not involved in the decision will review your appeal (Article 20 of the Digital Services Act).',
      'zh-CN': '您可以在以下截止时间前，通过我们的内部投诉处理系统免费对本决定提出申诉。您的申诉将由未参与该决定的工作人员审查（《数字服务法》第20条）。',
    },
    'no-internal-appeal': {
      en: 'Because we took action on the content you reported, you cannot appeal this decision to us: a notifier can appeal to us only a decision not to act.',
      'zh-CN': '由于我们已对您举报的内容采取措施，您无法就本决定向我们提出申诉：举报人仅可就不采取措施的决定向我们提出申诉。',
    },
    'final-on-appeal': {
      en: 'This decision was taken on an appeal, which ends our internal complaint handling of it: it cannot be appealed to us again.',
      'zh-CN': '本决定是在申诉程序中作出的，我们的内部投诉处理程序已就此结束，不能再向我们提出申诉。',
    },
  },
  appealOutcome: {
    upheld: {
      en: 'We have reviewed your appeal and upheld the original decision: it remains in place.',
      'zh-CN': '我们已审查您的申诉，决定维持原决定。',
    },
    reversed: {
      en: 'We have reviewed your appeal and reversed the original decision.',
      'zh-CN': '我们已审查您的申诉，并撤销了原决定。',
    },
    partly: partlyReversed,
    'partly-reversed': partlyReversed,
  },
  /** A complaint's priority (customer service). */
  priority: {
    low: { en: 'Low', 'zh-CN': '低' },
    normal: { en: 'Normal', 'zh-CN': '普通' },
    high: { en: 'High', 'zh-CN': '高' },
    urgent: { en: 'Urgent', 'zh-CN': '紧急' },
  },
  /** A service-level target of a complaint. */
  slaTarget: {
    commitment: { en: '24-hour commitment', 'zh-CN': '24小时承诺' },
    'first-response': { en: 'first response', 'zh-CN': '首次回复' },
    'next-response': { en: 'next response', 'zh-CN': '后续回复' },
    resolution: { en: 'resolution', 'zh-CN': '解决' },
  },
} as const satisfies Record<string, Vocabulary>;

const codeOf = (value: string): string =>
  value
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/[_\s]+/g, '-')
    .toLowerCase();

const vocabularyNamed = (name: string): Vocabulary => {
  if (!Object.hasOwn(vocabularies, name)) throw new Error(`No vocabulary named ${name}`);
  return vocabularies[name as keyof typeof vocabularies];
};

/** The words for a code in a locale; the code itself when the vocabulary does not know it. */
export const termOf = (vocabulary: string, value: string, locale: Locale): string => {
  const words = vocabularyNamed(vocabulary);
  const code = codeOf(value);
  return Object.hasOwn(words, code) ? words[code]![locale] : value;
};

/** Several codes (separated by commas or spaces), in words, as a list in the locale's style. */
export const termsOf = (vocabulary: string, values: string, locale: Locale): string => {
  const terms = values
    .split(/[,\s]+/)
    .filter((value) => value !== '')
    .map((value) => termOf(vocabulary, value, locale));
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(terms);
};
