/**
 * What the platform tells people: every message type, the category a person may (or may not) turn
 * off, and the parameters its templates receive. Parameters are identifiers, times, classifications
 * and staff-written text that holds no personal data (a statement of reasons); never a name, an
 * address or text a person wrote.
 */

export const channels = ['inbox', 'email'] as const;
export type Channel = (typeof channels)[number];

export const locales = ['en', 'zh-CN'] as const;
export type Locale = (typeof locales)[number];

/**
 * `required`: legally required notices (DSA Art. 16(4), 16(5), 17, 20, 23) that nobody may turn
 * off; the others may be turned off per channel. `staff`: sent to staff groups, not to the public.
 */
export const categories = {
  'complaint-updates': { required: false, staff: false },
  'trust-and-safety': { required: true, staff: false },
  rewards: { required: false, staff: false },
  'survey-invitations': { required: false, staff: false },
  'survey-reminders': { required: false, staff: false },
  'staff-escalations': { required: false, staff: true },
  'security-education': { required: false, staff: false },
  'privacy-policy': { required: false, staff: false },
} as const satisfies Record<string, { required: boolean; staff: boolean }>;
export type Category = keyof typeof categories;
export const categoryNames = Object.keys(categories) as Category[];
export const isRequired = (category: Category): boolean => categories[category].required;

/**
 * What a person told of a decision may still do about it with us (DSA Art. 16(5), 17(3)(f), 20);
 * the out-of-court bodies (Art. 21) and the courts are always open, and every such message says so.
 * `appeal`: an internal appeal until `appealUntil`; `no-internal-appeal`: none, since a notifier
 * cannot appeal an action taken on what they reported; `final-on-appeal`: none, since the decision
 * was taken on appeal.
 */
export type Redress = 'appeal' | 'no-internal-appeal' | 'final-on-appeal';
interface RedressParams {
  redress: Redress;
  /** The end of the internal appeal window (ISO time) when `redress` is `appeal`; empty otherwise. */
  appealUntil: string;
}

/** The parameters of each message type (all strings: what a template prints). */
export interface MessageParams {
  /** Customer service: the complaint's reference and its first-response deadline (ISO time). */
  'complaint-received': { reference: string; firstResponseDueAt: string };
  'complaint-replied': { reference: string };
  /** A public reply that asks the person for something: the clock waits on them. */
  'complaint-awaiting-you': { reference: string };
  /** `reopenUntil`: the end of the window in which the person may reopen it (ISO time). */
  'complaint-resolved': { reference: string; reopenUntil: string };
  'complaint-closed': { reference: string };
  /** To the supervisors' group: a complaint escalated after a breached target. */
  'complaint-escalated': { reference: string; priority: string; targets: string };
  /** DSA Art. 16(4): the notice was received. */
  'notice-received': { reference: string };
  /**
   * DSA Art. 16(5): the decision on the notice; `outcome` is `action-taken` or `no-action`. Sent
   * again when an appeal changes that decision.
   */
  'notice-decided': { reference: string; outcome: string } & RedressParams;
  /** DSA Art. 17: the statement of reasons, to the person whose content or account is restricted. */
  'statement-of-reasons': RedressParams & {
    reference: string;
    restriction: string;
    groundType: string;
    ground: string;
    facts: string;
    automatedDetection: string;
    automatedDecision: string;
    /** The end of a temporary measure (ISO time), which Art. 17(3)(a) requires stating; absent when it has none. */
    endsAt?: string;
  };
  /** DSA Art. 20: an appeal received, and its outcome (`upheld`, `reversed`, `partly`). */
  'appeal-received': { reference: string };
  'appeal-decided': { reference: string; outcome: string };
  'reward-granted': { reference: string; points: string };
  'reward-cancelled': { reference: string; points: string };
  /** DSA Art. 23: a warning for manifestly unfounded notices, and a suspension until a time. */
  'misuse-warning': { reference: string };
  'misuse-suspension': { reference: string; until: string };
  'survey-invitation': { reference: string; closesAt: string };
  'survey-reminder': { reference: string; closesAt: string };
  /** A security education campaign has started: the campaign and its end (ISO time); the lesson is read in the app. */
  'security-education-campaign': { reference: string; endsAt: string };
  /** A new privacy-policy version is published: its number and when it takes effect (ISO time); read in the app or on the public page. */
  'privacy-policy-update': { reference: string; effectiveAt: string };
}
export type MessageType = keyof MessageParams;

export const messageCategories = {
  'complaint-received': 'complaint-updates',
  'complaint-replied': 'complaint-updates',
  'complaint-awaiting-you': 'complaint-updates',
  'complaint-resolved': 'complaint-updates',
  'complaint-closed': 'complaint-updates',
  'complaint-escalated': 'staff-escalations',
  'notice-received': 'trust-and-safety',
  'notice-decided': 'trust-and-safety',
  'statement-of-reasons': 'trust-and-safety',
  'appeal-received': 'trust-and-safety',
  'appeal-decided': 'trust-and-safety',
  'reward-granted': 'rewards',
  'reward-cancelled': 'rewards',
  'misuse-warning': 'trust-and-safety',
  'misuse-suspension': 'trust-and-safety',
  'survey-invitation': 'survey-invitations',
  'survey-reminder': 'survey-reminders',
  'security-education-campaign': 'security-education',
  'privacy-policy-update': 'privacy-policy',
} as const satisfies Record<MessageType, Category>;
export const messageTypes = Object.keys(messageCategories) as MessageType[];

/** Parameters every message receives besides its own: links, never personal data. */
export interface CommonParams {
  /** Where the person reads the message in the app (the inbox). */
  inboxUrl: string;
  /** One-click unsubscribe from this message's category (absent for required categories and the inbox). */
  unsubscribeUrl?: string;
}

export interface RenderedMessage {
  /** Fixed text per type and locale: subjects never carry personal data. */
  subject: string;
  text: string;
  html: string;
  /** The text without the email's footer, for the in-app inbox. */
  inboxText: string;
}
